// A List Sessions and chat-turn server for benchmarks, run as a child process so it does not share the client's
// event loop. The path prefix sets the scenario:
// - /n/<total sessions>/delay/<ms per page>/api/v1/chat?page_size=…&page_token=… lists sessions. Pages link by
//   the same `cur-<offset>` tokens as the tests' paged server; bodies are built as text, so serving stays cheap
//   next to the clients being measured.
// - /sse/<events>/gap/<ms>/api/v1/chat/<session>/messages/stream answers a chat turn of <events> Server-Sent
//   Events (see turn.ts): with a gap, one event every <ms> after the headers, each written on its own; with gap
//   0, the whole turn as one body written at once.
import type { ServerResponse } from 'node:http';
import { cursorAt, startServer } from '@llamacloud-chat/test-support';
import { clock, type FirstEventStamps, turnEvent } from './turn.js';

/** One session's JSON, shaped like the docs example. */
function sessionJson(i: number): string {
  return (
    `{"last_updated_at":"2026-04-22T12:34:41.342245","session_id":"ses-${i}",` +
    `"generated_title":"What were the main findings in Q${i % 4}?","index_ids":["idx-abc123","idx-def456"],` +
    `"job_metadata":{"duration_ms":${i % 1000},"error":null,"export_config_ids":null,"is_error":false,` +
    `"total_input_tokens":${i % 5000},"total_output_tokens":${i % 700},"turns":${i % 9}}}`
  );
}

const route = /^\/n\/(\d+)\/delay\/(\d+)\/api\/v1\/chat$/;
const sseRoute = /^\/sse\/(\d+)\/gap\/(\d+)\/api\/v1\/chat\/[^/]+\/messages\/stream$/;
const sseHeaders = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

/** Whole turns served at once, by event count: built once, so serving them costs the server next to nothing. */
const wholeTurns = new Map<number, Buffer>();

function wholeTurn(total: number): Buffer {
  let body = wholeTurns.get(total);
  if (!body) {
    const events: string[] = [];
    for (let i = 0; i < total; i++) events.push(turnEvent(i, total));
    body = Buffer.from(events.join(''));
    wholeTurns.set(total, body);
  }
  return body;
}

/**
 * A turn of `total` events, one every `gap` ms from the headers on, each its own write (node:http sets no-delay,
 * so each leaves at once). Writes are scheduled against the turn's start, so timer lateness does not add up.
 * The first event carries when this request was received and when that event was written, on the clock the
 * clients use too (see turn.ts).
 */
function pacedTurn(res: ServerResponse, total: number, gap: number, receivedAt: number) {
  res.writeHead(200, sseHeaders);
  res.flushHeaders();
  const start = performance.now();
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  const write = () => {
    if (next === 0) {
      const stamps: FirstEventStamps = { received_at: receivedAt, written_at: clock() };
      res.write(turnEvent(0, total, stamps));
    } else res.write(turnEvent(next, total));
    next++;
    if (next === total) res.end();
    else timer = setTimeout(write, Math.max(0, start + (next + 1) * gap - performance.now()));
  };
  // A client that leaves early (or a failed run) stops the turn.
  res.once('close', () => clearTimeout(timer));
  timer = setTimeout(write, gap);
}

const server = await startServer((request, res) => {
  // The benchmarks send thousands of requests; keeping a record of each would only grow this process.
  server.requests.length = 0;
  const sse = sseRoute.exec(request.path);
  if (sse) {
    const total = Number(sse[1]);
    const gap = Number(sse[2]);
    if (gap > 0) pacedTurn(res, total, gap, clock());
    else res.writeHead(200, sseHeaders).end(wholeTurn(total));
    return;
  }
  const match = route.exec(request.path);
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const total = Number(match[1]);
  const delay = Number(match[2]);
  const size = Number(request.query.page_size ?? 100);
  const offset = Number(request.query.page_token?.slice('cur-'.length) ?? 0);
  const end = Math.min(offset + size, total);
  const items: string[] = [];
  for (let i = offset; i < end; i++) items.push(sessionJson(i));
  const body = `{"items":[${items.join(',')}],"next_page_token":${end < total ? `"${cursorAt(end)}"` : 'null'}}`;
  const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  if (delay > 0) setTimeout(send, delay);
  else send();
});

process.send?.({ port: server.port });
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
