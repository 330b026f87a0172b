// Soak: 1,500 pages with 5% transient faults injected at random (fixed seed): 503s, 429s, resets before and in
// the middle of a body, and stalls. Every item must arrive exactly once, resuming from error.cursor when a page
// exhausts its retries. No wall-clock bound: a loaded machine makes it slower, never wrong. The client's timers
// are the test's: a stalled page's timeout fires when the server stalls it, and no other page can time out, so
// each fault costs exactly one request however busy the machine is.
import type { ServerResponse } from 'node:http';
import { pagedSessions, sendJson, serve } from '@llamacloud-chat/test-support';
import { expect, it } from 'vitest';
import LlamaCloud, { type LlamaCloudError } from '../src/index.js';

const PAGES = 1_500;
const PAGE_SIZE = 10;
const FAULT_RATE = 0.05;

/** mulberry32: a small seeded PRNG, so every run injects the same faults. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAULTS: [string, (res: ServerResponse) => void][] = [
  ['503', (res) => sendJson(res, 503, { detail: 'busy' })],
  ['429', (res) => sendJson(res, 429, { detail: 'slow down' }, { 'retry-after-ms': '1' })],
  ['reset before headers', (res) => res.socket?.destroy()],
  [
    'reset mid-body',
    (res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4000' });
      res.write('{"items":[{"session_id":"x",');
      setImmediate(() => res.socket?.destroy());
    },
  ],
  ['stall', () => stalled()],
];

/** The attempt timeouts the client has set and not yet cleared: only the request in flight has one. */
const timeouts = new Set<() => void>();
/** A stall: the server never answers, and the client's timeout for it fires now. */
function stalled(): void {
  for (const fire of [...timeouts]) fire();
}
const retryTimers = {
  schedule: (_ms: number, fire: () => void) => {
    timeouts.add(fire);
    return () => void timeouts.delete(fire);
  },
  sleep: async (_ms: number, signal?: AbortSignal) => signal?.throwIfAborted(),
};
/** Stalls cost a whole timeout each, so they are one fault in nine; the rest are equally likely. */
const WEIGHTED = [...FAULTS.slice(0, 4), ...FAULTS.slice(0, 4), FAULTS[4]] as (typeof FAULTS)[number][];

it(`lists ${PAGES.toLocaleString('en-US')} pages through ${FAULT_RATE * 100}% injected faults, every item exactly once`, async () => {
  const total = PAGES * PAGE_SIZE;
  const items = Array.from({ length: total }, (_, i) => ({
    session_id: `s${i}`,
    last_updated_at: '2026-04-22T12:34:41',
  }));
  const next = random(20261124);
  const injected: Record<string, number> = {};
  const server = await serve(
    pagedSessions(items, {
      pageSize: PAGE_SIZE,
      fault: (_request, res) => {
        if (next() >= FAULT_RATE) return false;
        const [name, inject] = WEIGHTED[Math.floor(next() * WEIGHTED.length)] as (typeof FAULTS)[number];
        injected[name] = (injected[name] ?? 0) + 1;
        inject(res);
        return true;
      },
    }),
  );
  const client = new LlamaCloud({
    apiKey: 'llx-soak',
    baseUrl: server.url,
    retryTimers,
  });

  const start = performance.now();
  const seen: string[] = [];
  const resumedAfter: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    try {
      for await (const session of client.beta.chat.list({ page_token: cursor }, { maxPages: PAGES })) {
        seen.push(session.session_id);
      }
      break;
    } catch (error) {
      const { kind, cursor: resumeFrom } = error as LlamaCloudError;
      expect(resumeFrom, `a ${kind} error without a cursor`).not.toBeUndefined();
      resumedAfter.push(kind);
      cursor = resumeFrom ?? null;
    }
  }
  const ms = performance.now() - start;

  expect(seen).toHaveLength(total);
  expect(new Set(seen).size).toBe(total);
  expect(seen).toEqual(items.map((item) => item.session_id));
  const faults = Object.values(injected).reduce((a, b) => a + b, 0);
  expect(faults).toBeGreaterThan(PAGES * FAULT_RATE * 0.8);
  // Every kind of fault happened, so each was lived through (and resumed from, when retries ran out).
  expect(Object.keys(injected).sort()).toEqual(FAULTS.map(([name]) => name).sort());
  // One request per page and one per fault: no retry storm, and no page asked for twice but for a fault.
  expect(server.requests.length).toBe(PAGES + faults);
  console.info(
    `soak: ${PAGES} pages, ${server.requests.length} requests, ${faults} faults ${JSON.stringify(injected)}, ` +
      `${resumedAfter.length} resumes (${resumedAfter.join(', ') || 'none'}), ${Math.round(ms)} ms`,
  );
});
