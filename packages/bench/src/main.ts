// `pnpm bench`: this client against a bare fetch loop and the official SDK, on a local server in a child
// process, each measurement in a fresh process of its own. Every figure is the median of several alternating
// runs; ratios are taken within the same run.
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleSizes } from './bundle-size.js';
import type { ListerName } from './listers.js';
import { timeMcpStart } from './mcp-start.js';
import { type MockStarter, timeMockStart } from './mock-start.js';
import { pageBundle } from './page-bundle.js';
import type { StreamerName } from './streamers.js';
import type { StreamMeasurement } from './turn.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    sessions: { type: 'string', default: '100000' },
    'memory-sessions': { type: 'string', default: '1000000' },
    'stream-events': { type: 'string', default: '100000' },
    only: {
      type: 'string',
      default: 'throughput,latency,memory,bundle,first-event,parse,page,mock-start,mcp-start',
    },
    'mock-starts': { type: 'string', default: '11' },
  },
});
const runs = Number(args.runs);
const sessions = Number(args.sessions);
const memorySessions = Number(args['memory-sessions']);
const streamEvents = Number(args['stream-events']);
const only = new Set(args.only.split(','));
const mockStarts = Number(args['mock-starts']);

/** Measurements per lister; figures are medians. */
class Samples {
  readonly #values = new Map<string, number[]>();
  add(name: string, value: number) {
    const values = this.#values.get(name) ?? [];
    values.push(value);
    this.#values.set(name, values);
  }
  median(name: string): number {
    const sorted = [...(this.#values.get(name) ?? [])].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2
      ? (sorted[mid] ?? Number.NaN)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  }
}

/** Runs `measure` for each lister, `times` times, rotating the order each run so no lister always goes first. */
async function alternate<Name extends string>(
  names: readonly Name[],
  measure: (name: Name, samples: Samples) => Promise<void>,
  times = runs,
) {
  const samples = new Samples();
  for (let run = 0; run < times; run++) {
    for (let i = 0; i < names.length; i++) await measure(names[(i + run) % names.length] as Name, samples);
  }
  return samples;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const table = (header: string[], rows: (string | number)[][]) => {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...cells.slice(1).map(line),
  ].join('\n');
};

/** Starts the benchmark server in a child process; it exits when this process does. */
async function startServer() {
  const child = fork(join(here, 'server.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.once('exit', () => child.kill());
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`benchmark server exited with ${code}`)));
  });
  return {
    url: (total: number, delayMs: number) => `http://127.0.0.1:${port}/n/${total}/delay/${delayMs}`,
    /** A chat turn of `events` events, one every `gapMs` (or, with 0, all in one body written at once). */
    turnUrl: (events: number, gapMs: number) => `http://127.0.0.1:${port}/sse/${events}/gap/${gapMs}`,
    stop: () => child.connected && child.disconnect(),
  };
}
type Server = Awaited<ReturnType<typeof startServer>>;

interface Measurement {
  ms: number;
  count: number;
  idle: number;
  peak: number;
}

/** Lists every session in a child process of its own (see child.ts), after a warm-up there. */
function measure(
  name: ListerName,
  baseUrl: string,
  warmUrl: string,
  workPerPageMs = 0,
): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'child.js'), [name, baseUrl, warmUrl, '100', String(workPerPageMs)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve(message as Measurement));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${name} exited with ${code}`)));
  });
}

/** Reads one chat turn in a child process of its own (see stream-child.ts), after a warm-up there. */
function measureStream(name: StreamerName, url: string, warmUrl: string): Promise<StreamMeasurement> {
  return new Promise((resolve, reject) => {
    const child = fork(join(here, 'stream-child.js'), [name, url, warmUrl], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (message) => resolve(message as StreamMeasurement));
    child.once('exit', (code) => code !== 0 && reject(new Error(`${name} exited with ${code}`)));
  });
}

type Check = [target: string, measured: string, met: boolean];

async function throughput(server: Server): Promise<Check[]> {
  const names: ListerName[] = ['bare fetch loop', 'this client', 'this client, prefetch', 'official SDK'];
  const t = await alternate(names, async (name, samples) => {
    const { ms, count } = await measure(name, server.url(sessions, 0), server.url(2_000, 0));
    if (count !== sessions) throw new Error(`${name} listed ${count} of ${sessions} sessions`);
    samples.add(name, ms);
  });
  const ms = (name: ListerName) => t.median(name);
  console.log(`1. Throughput: ${fmt(sessions)} sessions in pages of 100`);
  console.log(
    table(
      ['lister', 'median time (ms)', 'sessions/s', 'time ÷ bare loop', 'speed × official SDK'],
      names.map((name) => [
        name,
        fmt(ms(name)),
        fmt(sessions / (ms(name) / 1000)),
        fmt(ms(name) / ms('bare fetch loop'), 2),
        fmt(ms('official SDK') / ms(name), 2),
      ]),
    ),
  );
  const vsSdk = ms('official SDK') / ms('this client');
  const vsBare = ms('this client') / ms('bare fetch loop');
  const prefetchVsSdk = ms('official SDK') / ms('this client, prefetch');
  return [
    ['this client ≥ 1.2× official SDK', fmt(vsSdk, 2), vsSdk >= 1.2],
    ['this client ≤ 1.10× bare loop time', fmt(vsBare, 2), vsBare <= 1.1],
    ['prefetch ≥ 1.5× official SDK', fmt(prefetchVsSdk, 2), prefetchVsSdk >= 1.5],
  ];
}

async function latencyHiding(server: Server): Promise<Check[]> {
  const names: ListerName[] = ['this client', 'this client, prefetch', 'official SDK'];
  const t = await alternate(names, async (name, samples) => {
    samples.add(name, (await measure(name, server.url(10_000, 20), server.url(200, 0), 20)).ms);
  });
  console.log('\n2. Latency hiding: 100 pages, server 20 ms per page, caller 20 ms per page');
  console.log(
    table(
      ['lister', 'median total (ms)', '÷ official SDK'],
      names.map((name) => [name, fmt(t.median(name)), fmt(t.median(name) / t.median('official SDK'), 2)]),
    ),
  );
  const hidden = t.median('this client, prefetch') / t.median('official SDK');
  return [['prefetch total ≤ 0.6× official SDK', fmt(hidden, 2), hidden <= 0.6]];
}

async function memory(server: Server): Promise<Check[]> {
  const names: ListerName[] = ['bare fetch loop', 'this client', 'official SDK'];
  const growth = new Samples();
  const idle = await alternate(names, async (name, samples) => {
    const result = await measure(name, server.url(memorySessions, 0), server.url(2_000, 0));
    if (result.count !== memorySessions)
      throw new Error(`${name} streamed ${result.count} of ${memorySessions}`);
    samples.add(name, result.idle / 2 ** 20);
    growth.add(name, (result.peak - result.idle) / 2 ** 20);
  });
  console.log(
    `\n3. Memory: peak RSS while streaming ${fmt(memorySessions)} sessions (pages of 100) without keeping them`,
  );
  console.log(
    table(
      ['lister', 'idle RSS (MB)', 'peak growth (MB)'],
      names.map((name) => [name, fmt(idle.median(name), 1), fmt(growth.median(name), 1)]),
    ),
  );
  const ours = growth.median('this client');
  return [['RSS growth ≤ 64 MB', `${fmt(ours, 1)} MB`, ours <= 64]];
}

async function bundle(): Promise<Check[]> {
  const sizes = await bundleSizes(here);
  const sdk = sizes['official SDK'];
  console.log(
    '\n4. Bundle: import, construct, for await over beta.chat.list() (esbuild, minified, browser ESM, gzipped)',
  );
  console.log(
    table(
      [
        'package',
        'no splitting (B)',
        'splitting: entry + static chunks (B)',
        '÷ official SDK (splitting)',
        'import() chunks (B)',
      ],
      Object.entries(sizes).map(([name, size]) => [
        name,
        fmt(size.whole),
        fmt(size.loaded),
        fmt(size.loaded / sdk.loaded, 2),
        fmt(size.lazy),
      ]),
    ),
  );
  const ours = sizes['this client'];
  return [
    ['listing-only program ≤ 10,000 B (no splitting)', `${fmt(ours.whole)} B`, ours.whole <= 10_000],
    ['listing-only program ≤ 10,000 B (splitting)', `${fmt(ours.loaded)} B`, ours.loaded <= 10_000],
  ];
}

const TURN_EVENTS = 200;
const TURN_GAP_MS = 10;

/**
 * Time to first event and to the end of a paced turn. "Arrival on the wire" is taken as the moment the server
 * process wrote the first event to its socket: the server stamps that time into the event itself (turn.ts), and
 * the client's delay is the time it had the event in hand minus that stamp, both on the one system clock. On
 * loopback the bytes are readable within microseconds of the write, so this charges the client for everything
 * from the socket on (undici, the web stream, framing, JSON, the iterator) and leaves nothing out. A timestamp
 * of the first readable byte taken inside the client would hide undici and web-stream delays, and the official
 * SDK exposes no such moment at all. The floor's row shows what fetch and a bare parse take by themselves.
 */
async function firstEvent(server: Server): Promise<Check[]> {
  const names: StreamerName[] = ['eventsource-parser alone', 'this client', 'official SDK'];
  const first = new Samples();
  const delay = new Samples();
  const total = await alternate(names, async (name, samples) => {
    const m = await measureStream(name, server.turnUrl(TURN_EVENTS, TURN_GAP_MS), server.turnUrl(20, 0));
    if (m.count !== TURN_EVENTS) throw new Error(`${name} read ${m.count} of ${TURN_EVENTS} events`);
    // The server's clock and this one's are the same system clock (see turn.ts); a request received before it
    // was sent, or an event in hand before it was written, means they are not, and the delays would be wrong.
    if (m.receivedAfterSendMs < -1 || m.firstDelayMs < -1) {
      throw new Error(
        `${name}: the server's and the client's clocks disagree (request received ${fmt(m.receivedAfterSendMs, 2)} ms after it was sent, first event in hand ${fmt(m.firstDelayMs, 2)} ms after it was written)`,
      );
    }
    samples.add(name, m.totalMs);
    first.add(name, m.firstMs);
    delay.add(name, m.firstDelayMs);
  });
  console.log(
    `\n5. Streaming a chat turn: ${TURN_EVENTS} events, the first ${TURN_GAP_MS} ms after the headers and one every ${TURN_GAP_MS} ms after it`,
  );
  console.log(
    table(
      [
        'reader',
        'first event (ms)',
        'first event after the server wrote it (ms)',
        'turn done (ms)',
        'first event ÷ official SDK',
      ],
      names.map((name) => [
        name,
        fmt(first.median(name), 1),
        fmt(delay.median(name), 1),
        fmt(total.median(name)),
        fmt(first.median(name) / first.median('official SDK'), 3),
      ]),
    ),
  );
  const ours = delay.median('this client');
  return [['first event ≤ 20 ms after the server wrote it', `${fmt(ours, 1)} ms`, ours <= 20]];
}

/**
 * Events per second from one big body, server time negligible (the body is built once, written at once). Each
 * process warms up on three turns of the full size, so the measured one runs optimised code with a heap that has
 * already seen such a turn. CPU time is shown too: on a shared machine it moves less than the wall time.
 */
async function parse(server: Server): Promise<Check[]> {
  const names: StreamerName[] = [
    'eventsource-parser alone',
    'eventsource-parser, for await',
    'this client',
    'official SDK',
  ];
  const cpu = new Samples();
  const t = await alternate(names, async (name, samples) => {
    const m = await measureStream(name, server.turnUrl(streamEvents, 0), server.turnUrl(streamEvents, 0));
    if (m.count !== streamEvents) throw new Error(`${name} read ${m.count} of ${streamEvents} events`);
    samples.add(name, m.totalMs);
    cpu.add(name, m.cpuMs);
  });
  const ms = (name: StreamerName) => t.median(name);
  const floor = 'eventsource-parser alone';
  console.log(
    `\n6. Parse throughput: a turn of ${fmt(streamEvents)} small events in one body written at once`,
  );
  console.log(
    table(
      [
        'reader',
        'median time (ms)',
        'events/s',
        'speed × parser alone',
        'CPU (ms)',
        'CPU speed × parser alone',
      ],
      names.map((name) => [
        name,
        fmt(ms(name)),
        fmt(streamEvents / (ms(name) / 1000)),
        fmt(ms(floor) / ms(name), 2),
        fmt(cpu.median(name)),
        fmt(cpu.median(floor) / cpu.median(name), 2),
      ]),
    ),
  );
  const ratio = ms(floor) / ms('this client');
  return [['stream ≥ 0.8× eventsource-parser alone (events/s)', fmt(ratio, 2), ratio >= 0.8]];
}

/** Scenario 7: the standalone mock's start, spawn to first answer, against the Prism-based one it replaced. */
async function mockStart(): Promise<Check[]> {
  const names: MockStarter[] = ['this mock', 'Prism-based mock (before)'];
  // Alternating, so neither always starts on a quieter machine.
  const samples = await alternate(
    names,
    async (name, s) => s.add(name, await timeMockStart(name)),
    mockStarts,
  );
  console.log(
    `\n8. Mock start: spawn the standalone mock, time to its first answered request (median of ${mockStarts})`,
  );
  console.log(
    table(
      ['mock', 'median to first answer (ms)', '÷ Prism-based'],
      names.map((name) => [
        name,
        fmt(samples.median(name)),
        fmt(samples.median(name) / samples.median('Prism-based mock (before)'), 2),
      ]),
    ),
  );
  const ours = samples.median('this mock');
  return [['mock answers ≤ 300 ms after spawn', `${fmt(ours)} ms`, ours <= 300]];
}

/** Scenario 9: the MCP server's start, spawn to its first answered tools/list, beside the mock's start alone. */
async function mcpStart(): Promise<Check[]> {
  const names = ['MCP server (stdio, built-in mock)', 'standalone mock alone (baseline)'] as const;
  const samples = await alternate(
    names,
    async (name, s) =>
      s.add(name, name === names[0] ? await timeMcpStart() : await timeMockStart('this mock')),
    mockStarts,
  );
  console.log(
    `\n9. MCP start: spawn the MCP server, time to its first answered tools/list (median of ${mockStarts})`,
  );
  console.log(
    table(
      ['process', 'median to first answer (ms)', '÷ mock alone'],
      names.map((name) => [
        name,
        fmt(samples.median(name)),
        fmt(samples.median(name) / samples.median(names[1]), 2),
      ]),
    ),
  );
  const ours = samples.median(names[0]);
  return [['MCP server lists its tools ≤ 1,000 ms after spawn', `${fmt(ours)} ms`, ours <= 1000]];
}

const server = await startServer();
try {
  console.log(
    `llamacloud-chat bench, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${runs} runs each\n`,
  );
  const checks: Check[] = [];
  if (only.has('throughput')) checks.push(...(await throughput(server)));
  if (only.has('latency')) checks.push(...(await latencyHiding(server)));
  if (only.has('memory')) checks.push(...(await memory(server)));
  if (only.has('bundle')) checks.push(...(await bundle()));
  if (only.has('first-event')) checks.push(...(await firstEvent(server)));
  if (only.has('parse')) checks.push(...(await parse(server)));
  if (only.has('page')) checks.push(...(await pageBundle(fmt, table)));
  if (only.has('mock-start')) checks.push(...(await mockStart()));
  if (only.has('mcp-start')) checks.push(...(await mcpStart()));
  console.log('\nTargets');
  console.log(
    table(
      ['target', 'measured', 'verdict'],
      checks.map(([target, value, met]) => [target, value, met ? 'met' : 'MISSED']),
    ),
  );
} finally {
  server.stop();
}
