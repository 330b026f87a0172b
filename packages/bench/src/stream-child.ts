// One streaming measurement, in a process of its own (as child.ts is for listings): read three turns from
// `warmUrl` to warm up, then the measured turn from `url`, and report when its first event was in hand, when the
// turn was done and the CPU time it took.
import { type StreamerName, streamers } from './streamers.js';
import { clock, type FirstEventStamps, type StreamMeasurement } from './turn.js';

const [name, url, warmUrl] = process.argv.slice(2) as [StreamerName, string, string];
const streamer = streamers[name];

for (let i = 0; i < 3; i++) await streamer(warmUrl, () => {});

let count = 0;
let firstAt = Number.NaN;
let stamps: FirstEventStamps | undefined;
const cpuBefore = process.cpuUsage();
const sentAt = clock();
await streamer(url, (event) => {
  if (count++ === 0) {
    firstAt = clock();
    stamps = (event as { bench?: FirstEventStamps }).bench;
  }
});
const doneAt = clock();
const cpu = process.cpuUsage(cpuBefore);

const measurement: StreamMeasurement = {
  count,
  firstMs: firstAt - sentAt,
  totalMs: doneAt - sentAt,
  cpuMs: (cpu.user + cpu.system) / 1000,
  firstDelayMs: stamps ? firstAt - stamps.written_at : Number.NaN,
  receivedAfterSendMs: stamps ? stamps.received_at - sentAt : Number.NaN,
};
process.send?.(measurement);
