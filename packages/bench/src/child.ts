// One measurement, in a process of its own so no lister inherits another's heap or sockets: warm up, note the
// idle RSS, then list every session (spending `workPerPageMs` after each page) and report the time, the count
// and the peak RSS.
import { type ListerName, listers } from './listers.js';

const [name, baseUrl, warmUrl, pageSize, workPerPageMs] = process.argv.slice(2) as [
  ListerName,
  string,
  string,
  string,
  string,
];
const lister = listers[name];
const size = Number(pageSize);
const work = Number(workPerPageMs);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The idle process: modules loaded and the HTTP stack warmed by short listings, nothing streaming.
for (let i = 0; i < 3; i++) await lister(warmUrl, size, () => {});
const idle = process.memoryUsage.rss();
let peak = idle;
let count = 0;
const start = performance.now();
await lister(baseUrl, size, async () => {
  if (++count % size !== 0) return;
  peak = Math.max(peak, process.memoryUsage.rss());
  if (work > 0) await sleep(work);
});
const ms = performance.now() - start;
peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
process.send?.({ ms, count, idle, peak });
