// Run in its own process: streams every session of a listing without keeping any, and reports the RSS
// of the idle process (after imports) and the peak RSS while streaming.
import { type ListerName, listers } from './listers.js';

const [name, baseUrl, warmUrl, pageSize] = process.argv.slice(2) as [ListerName, string, string, string];
const lister = listers[name];

// The idle process: modules loaded, HTTP stack warmed by a one-page listing, nothing streaming.
await lister(warmUrl, Number(pageSize), () => {});
const idle = process.memoryUsage.rss();
let peak = idle;
let count = 0;
await lister(baseUrl, Number(pageSize), () => {
  if (++count % 1000 === 0) peak = Math.max(peak, process.memoryUsage.rss());
});
peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
process.send?.({ idle, peak, count });
