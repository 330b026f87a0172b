// Streamable HTTP on 127.0.0.1 at /mcp: one MCP session per client, each with a server of its own, behind the
// guard (own Host and Origin only, the bearer token required). The sessions are bounded: one idle (no request in
// flight) longer than the idle timeout is closed, and at most `maxSessions` are open at once (a new one closes the
// least recently used idle one, or is refused with a 503 while every one is busy). A request's response ends when
// its request is cancelled, and a client that drops the connection of a request cancels it. A session also ends
// when its client closes it (DELETE) or the server stops.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';
import { refusalOf } from './http-guard.js';
import { createMcpServer, type ServerOptions } from './server.js';

export const MCP_PATH = '/mcp';
export const DEFAULT_MAX_SESSIONS = 100;
export const DEFAULT_SESSION_IDLE_TIMEOUT_S = 600;
/** The largest request body read, as the SDK's transport bounds it (4 MiB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** What a 503 asks a client to wait, in seconds, when every session is busy. */
export const RETRY_AFTER_S = 5;

/** Time as the server sees it: what it is now, and a repeating timer (the idle reaper runs on it). */
export interface Clock {
  now(): number;
  /** Calls `tick` every `ms` until the function returned is called. */
  every(ms: number, tick: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

export interface HttpOptions extends ServerOptions {
  port: number;
  token: string;
  /** How many sessions may be open at once. @default DEFAULT_MAX_SESSIONS */
  maxSessions?: number | undefined;
  /** How long, in seconds, a session may be idle before it is closed. @default DEFAULT_SESSION_IDLE_TIMEOUT_S */
  sessionIdleTimeout?: number | undefined;
  /** @default systemClock */
  clock?: Clock | undefined;
}

export interface RunningHttp {
  url: string;
  port: number;
  /** How many sessions are open. */
  sessionCount(): number;
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  /** When its last request started or ended. */
  lastUsed: number;
  /** Its requests whose response is still open: while there is one, it is busy, never idle. */
  inFlight: number;
  /** For each request in flight, how many requests its POST carried. */
  posted: Map<RequestId, number>;
}

const refuse = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));

const asMessages = (body: unknown): Record<string, unknown>[] =>
  (Array.isArray(body) ? body : [body]).filter(
    (m): m is Record<string, unknown> => typeof m === 'object' && m !== null,
  );

/** The ids of the requests (not notifications, not responses) in a POST body. */
const requestIdsOf = (body: unknown): RequestId[] =>
  asMessages(body)
    .filter((m) => typeof m.method === 'string' && (typeof m.id === 'string' || typeof m.id === 'number'))
    .map((m) => m.id as RequestId);

const isInitialize = (body: unknown) => asMessages(body).some((m) => m.method === 'initialize');

/** The cancelled request's id, when `message` is a `notifications/cancelled`. */
function cancelledId(message: JSONRPCMessage): RequestId | undefined {
  if (!('method' in message) || message.method !== 'notifications/cancelled' || 'id' in message)
    return undefined;
  const id = (message.params as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
}

type Body = { parsed: unknown } | { tooLarge: true };

/** A POST's body, parsed; one that is not JSON is `{}`, which the SDK's transport answers as a parse error. */
async function readBody(req: IncomingMessage): Promise<Body> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return { tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { tooLarge: true };
    chunks.push(chunk);
  }
  try {
    return { parsed: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { parsed: {} };
  }
}

export async function startHttp(options: HttpOptions): Promise<RunningHttp> {
  const clock = options.clock ?? systemClock;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const idleMs = (options.sessionIdleTimeout ?? DEFAULT_SESSION_IDLE_TIMEOUT_S) * 1000;
  const sessions = new Map<string, Session>();
  let port = options.port;

  const isExpired = (session: Session) => session.inFlight === 0 && clock.now() - session.lastUsed > idleMs;
  const closeSession = (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    // Closing the transport ends its open streams and aborts its server's handlers.
    void session.transport.close().catch(() => {});
  };
  const reap = () => {
    for (const [id, session] of sessions) if (isExpired(session)) closeSession(id);
  };
  const leastRecentlyUsedIdle = () => {
    let found: [string, Session] | undefined;
    for (const entry of sessions)
      if (entry[1].inFlight === 0 && (!found || entry[1].lastUsed < found[1].lastUsed)) found = entry;
    return found?.[0];
  };

  /** Counts the request as the session's, from now until its response closes (ended, or dropped by the client). */
  const track = (session: Session, res: ServerResponse, body: unknown) => {
    session.lastUsed = clock.now();
    const ids = requestIdsOf(body);
    if (ids.length === 0) return;
    session.inFlight += 1;
    for (const id of ids) session.posted.set(id, ids.length);
    res.once('close', () => {
      session.inFlight -= 1;
      session.lastUsed = clock.now();
      for (const id of ids) session.posted.delete(id);
      // The client went away before the answer: its requests are cancelled, as if it had said so.
      if (!res.writableFinished)
        for (const requestId of ids)
          session.transport.onmessage?.({
            jsonrpc: '2.0',
            method: 'notifications/cancelled',
            params: { requestId, reason: 'The client closed the connection of the request.' },
          });
    });
  };

  const open = async (req: IncomingMessage, res: ServerResponse, body: unknown) => {
    if (isInitialize(body)) {
      reap();
      if (sessions.size >= maxSessions) {
        const idle = leastRecentlyUsedIdle();
        if (idle === undefined)
          return refuse(
            res,
            503,
            `All ${maxSessions} sessions are busy with a request in flight: retry later, or end a session you no longer need (DELETE ${MCP_PATH}).`,
            { 'retry-after': String(RETRY_AFTER_S) },
          );
        closeSession(idle);
      }
    }
    // The session's id is made here so that it counts against the limit from the start, before its server is
    // initialized; a request the SDK refuses (not an initialize) leaves no session behind.
    const id = randomUUID();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id });
    const session: Session = { transport, lastUsed: clock.now(), inFlight: 0, posted: new Map() };
    transport.onclose = () => {
      if (sessions.get(id) === session) sessions.delete(id);
    };
    await createMcpServer(options).connect(transport);
    // The server aborts a cancelled request's handler and sends no answer; its response ends here, at once.
    const deliver = transport.onmessage;
    transport.onmessage = (message, extra) => {
      deliver?.(message, extra);
      const cancelled = cancelledId(message);
      if (cancelled !== undefined && session.posted.get(cancelled) === 1) transport.closeSSEStream(cancelled);
    };
    if (isInitialize(body)) sessions.set(id, session);
    track(session, res, body);
    res.once('close', () => {
      if (transport.sessionId === undefined) closeSession(id);
    });
    await transport.handleRequest(req, res, body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const refusal = refusalOf(req, port, options.token);
    if (refusal) return refuse(res, refusal.status, refusal.message);
    if (path !== MCP_PATH) return refuse(res, 404, `The MCP endpoint is ${MCP_PATH}.`);
    const id = req.headers['mcp-session-id'];
    let session = typeof id === 'string' ? sessions.get(id) : undefined;
    if (typeof id === 'string' && session && isExpired(session)) {
      closeSession(id);
      session = undefined;
    }
    if (typeof id === 'string' && !session)
      return refuse(res, 404, 'No such session (it ended, or was closed when idle): initialize a new one.');
    let body: unknown;
    if (req.method === 'POST') {
      const read = await readBody(req);
      if ('tooLarge' in read)
        return refuse(res, 413, `A request body may be at most ${MAX_BODY_BYTES} bytes.`);
      body = read.parsed;
    }
    if (!session) return open(req, res, body);
    track(session, res, body);
    await session.transport.handleRequest(req, res, body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, `The MCP server failed: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const stopReaper = clock.every(Math.min(Math.max(idleMs / 2, 250), 30_000), reap);
  return {
    url: `http://127.0.0.1:${port}${MCP_PATH}`,
    port,
    sessionCount: () => sessions.size,
    close: async () => {
      stopReaper();
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((session) => session.transport.close().catch(() => {})));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
