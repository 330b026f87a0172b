// The built-in mock: the chat API on 127.0.0.1, with sessions kept per instance (and, with `state`, in a
// file), requests routed and validated by the spec, every answer checked against the spec before it is sent,
// chat turns streamed event by event, faults on request, CORS for browsers and a line per request for a log.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerChecker } from './answer-check.js';
import { answerPreflight, setCorsHeaders } from './cors.js';
import { checkStreamGap, replayEvents, type StreamCut, type StreamEnd } from './event-stream.js';
import { EXAMPLE_HEADER } from './example-answer.js';
import { FAULT_HEADER, type Fault, parseFault } from './faults.js';
import { chatOperations, type RoutedAnswer } from './operations.js';
import { malformedTarget } from './percent-encoding.js';
import { validationError } from './request-errors.js';
import { keyOf, type LoggedRequest, type LogSink, logLine } from './request-log.js';
import { once, type RunningServer } from './running-server.js';
import { seedSessions } from './seed.js';
import { type Json, SessionStore, seededState } from './session-store.js';
import { SPEC_PATH } from './spec-path.js';
import { readState, removeLeftoverTemps, stateWriter } from './state-file.js';
import { eventsOfExample, sseEvent, TURN_EXAMPLE } from './turn-script.js';

export interface MockOptions {
  /** The OpenAPI document to serve. @default SPEC_PATH */
  spec?: string | undefined;
  /** The port the mock listens on, on 127.0.0.1. @default 0, a free port */
  port?: number | undefined;
  /**
   * The gap between two events of a streamed chat turn (`POST /api/v1/chat/{session_id}/messages/stream`), in
   * milliseconds; 0 for no wait (each event still in a chunk of its own). @default DEFAULT_STREAM_GAP_MS (60)
   */
  streamGapMs?: number | undefined;
  /** Called once per streamed answer when it ends: every event sent, or the caller gone first. */
  onStreamEnd?: ((end: StreamEnd) => void) | undefined;
  /**
   * A JSON file to keep the sessions (and the key page tokens are signed with) in across restarts: read at start
   * (the seed when there is no such file), temp files a killed write left removed, written atomically after
   * every change, before it is answered. @default none: the sessions live as long as the mock
   */
  state?: string | undefined;
  /** Where the line for each request goes (`GET /api/v1/chat 200 3ms`). @default none: the library is silent */
  log?: LogSink | undefined;
}

export type RunningMock = RunningServer;

/** The most of a request body the mock reads: a chat prompt is a few KB, not megabytes. */
const MAX_BODY_BYTES = 1024 * 1024;

type Node = Record<string, unknown>;

/**
 * Starts the mock on 127.0.0.1 and resolves once it listens. It starts with the spec's example sessions (or the
 * `state` file's). A spec it cannot read or a `state` file that holds no state rejects with a message naming the
 * file; a port in use rejects with Node's `EADDRINUSE` error; a `streamGapMs` not from 0 to 2^31 - 1 rejects
 * with a RangeError before anything starts. `close()` ends every connection, streams mid-turn included, and
 * resolves once the last change is in the state file.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const gapMs = checkStreamGap(options.streamGapMs);
  const specPath = options.spec ?? SPEC_PATH;
  const document = await readSpec(specPath);
  if (options.state !== undefined) await removeLeftoverTemps(options.state);
  const saved = options.state === undefined ? undefined : await readState(options.state);
  const write = options.state === undefined ? undefined : stateWriter(options.state);
  let pendingWrite: Promise<void> = Promise.resolve();
  const onChange = write && ((current: Parameters<typeof write>[0]) => (pendingWrite = write(current)));
  let store: SessionStore | undefined;
  const { api, definition } = await chatOperations(document, (definition) => {
    store = new SessionStore(saved ?? seededState(seedSessions(definition)), onChange);
    return { store, turnExample: turnExampleOf(definition) };
  });
  // A new page-token key is saved before any token signed with it is given out, so tokens survive a restart.
  const started = store;
  if (onChange && started && saved?.pageTokenKey === undefined) await onChange(() => started.state());
  const check = answerChecker(operationsById(definition));

  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    log: (entry: Partial<LoggedRequest>) => void,
  ) => {
    setCorsHeaders(req, res);
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    const malformed = malformedTarget(req.url ?? '/');
    if (malformed) {
      // The body is left unread: end the connection rather than drain it.
      res.setHeader('connection', 'close');
      return sendJson(res, malformed.status, malformed.body);
    }
    let fault: Fault | undefined;
    try {
      fault = parseFault(req.headers[FAULT_HEADER]);
    } catch (error) {
      return sendJson(res, 400, { detail: (error as Error).message });
    }
    if (fault?.kind === 'status') {
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter));
      const reason = fault.status === 429 ? 'Too Many Requests' : 'Service Unavailable';
      log({ note: `${FAULT_HEADER}: ${fault.status}` });
      return sendJson(res, fault.status, { detail: `${reason} (asked for with ${FAULT_HEADER})` });
    }
    const body = await readBody(req);
    if (body === TOO_LARGE) {
      // Answered as soon as the cap is passed, with the rest of the upload unread: the connection ends with it.
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { detail: `The request body is over ${MAX_BODY_BYTES} bytes.` });
    }
    let json: unknown;
    if (body.length > 0) {
      const type = String(req.headers['content-type'] ?? 'application/json');
      if (!/^application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i.test(type))
        return sendJson(
          res,
          422,
          validationError([
            { loc: ['body'], msg: `Input should be JSON (sent as ${type})`, type: 'model_attributes_type' },
          ]),
        );
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch (error) {
        return sendJson(
          res,
          422,
          validationError([
            { loc: ['body'], msg: `JSON decode error: ${(error as Error).message}`, type: 'json_invalid' },
          ]),
        );
      }
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { answer, operationId } = (await api.handleRequest({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search.slice(1),
      headers: req.headers as never,
      body: json,
    })) as RoutedAnswer;
    const problems =
      operationId && !('own' in answer && answer.own)
        ? 'events' in answer
          ? answer.events.flatMap((event, i) =>
              check.checkEvent(operationId, event).map((p) => `event ${i + 1}: ${p}`),
            )
          : check.checkBody(operationId, answer.status, answer.body)
        : [];
    if (problems.length > 0) {
      return sendJson(res, 500, {
        detail:
          `The mock's ${answer.status} answer to ${req.method} ${url.pathname} breaks the spec, so it was not sent: ` +
          `${problems.slice(0, 5).join('; ')}. It comes from the mock's seed (the spec's examples) or its state file; fix it there.`,
      });
    }
    if (answer.example !== undefined) {
      res.setHeader(EXAMPLE_HEADER, answer.example);
      log({ note: `the spec's example "${answer.example}"` });
    }
    if (fault?.kind === 'stall' && !('events' in answer)) {
      log({ note: `${FAULT_HEADER}: stall` });
      return; // No answer: the caller's timeout, or close(), ends it.
    }
    if (fault?.kind === 'drop' && !('events' in answer)) {
      log({ note: `${FAULT_HEADER}: dropped` });
      res.destroy();
      return;
    }
    if ('events' in answer) {
      const cut: StreamCut | undefined =
        fault?.kind === 'drop'
          ? { after: fault.after, how: 'drop' }
          : fault?.kind === 'stall'
            ? { after: 0, how: 'stall' }
            : undefined;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const { sent, complete } = await replayEvents(res, answer.events.map(sseEvent), gapMs, cut);
      log({
        events: { sent, of: answer.events.length },
        ...(complete ? {} : { note: fault ? `${FAULT_HEADER}: ${fault.kind}` : 'the caller went away' }),
      });
      options.onStreamEnd?.({
        request: `${req.method} ${req.url}`,
        events: answer.events.length,
        sent,
        complete,
      });
      return;
    }
    for (const [name, value] of Object.entries('headers' in answer ? (answer.headers ?? {}) : {}))
      res.setHeader(name, value);
    if (answer.body === undefined) res.writeHead(answer.status).end();
    else sendJson(res, answer.status, answer.body);
  };

  let requests = 0;
  const server = createServer((req, res) => {
    const started = performance.now();
    requests += 1;
    res.setHeader('x-request-id', `req-${requests}`);
    let noted: Partial<LoggedRequest> = {};
    const closed = new Promise<void>((resolve) => res.once('close', resolve));
    const served = serve(req, res, (entry) => {
      noted = { ...noted, ...entry };
    }).catch((error: unknown) => {
      if (res.headersSent) res.destroy(error as Error);
      else sendJson(res, 500, { detail: `The mock failed: ${(error as Error).message}` });
    });
    // Logged once the answer is over and the handler has said how it went (a stream's events, a fault).
    void Promise.all([closed, served]).then(() => {
      if (!options.log) return;
      const status = res.headersSent ? res.statusCode : undefined;
      const line = logLine(
        { method: req.method ?? '?', url: req.url ?? '/', status, ms: performance.now() - started, ...noted },
        keyOf(req.headers.authorization),
      );
      options.log(line);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: once(() =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => pendingWrite.catch(() => {})),
    ),
  };
}

/**
 * The spec, parsed; a file it cannot read or parse is an error naming it. The build leaves the workspace spec
 * as JSON beside this module, with the hash of the YAML it was made from: while the hash matches, that JSON
 * is the document, and the YAML parser is not even loaded.
 */
async function readSpec(path: string): Promise<Node> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the spec ${path}: ${(error as Error).message}`);
  }
  const built = await readFile(new URL('./openapi.json', import.meta.url), 'utf8').then(
    (json) => JSON.parse(json) as { sha256?: string; document?: Node },
    () => undefined,
  );
  let document: unknown;
  if (built?.document && built.sha256 === createHash('sha256').update(text).digest('hex'))
    document = built.document;
  else {
    const { parse } = await import('yaml');
    try {
      document = parse(text);
    } catch (error) {
      throw new Error(`the spec ${path} is not YAML or JSON: ${(error as Error).message}`);
    }
  }
  const version = (document as Node | null)?.openapi;
  if (typeof version !== 'string' || !version.startsWith('3.'))
    throw new Error(`the spec ${path} is not an OpenAPI 3 document (it has no openapi: 3.x field)`);
  return document as Node;
}

/** Every operation of a dereferenced document, by operationId. */
function operationsById(document: Node): Map<string, Node> {
  const operations = new Map<string, Node>();
  for (const item of Object.values((document.paths ?? {}) as Record<string, Node>))
    for (const operation of Object.values(item))
      if (typeof (operation as Node)?.operationId === 'string')
        operations.set((operation as Node).operationId as string, operation as Node);
  return operations;
}

/** The events of the stream operation's `turn` example, which every scripted turn follows. */
function turnExampleOf(document: Node): Json[] {
  const operation = operationsById(document).get('streamChatMessage');
  const content = ((operation?.responses as Record<string, Node> | undefined)?.['200']?.content ??
    {}) as Record<string, Node>;
  const example = (
    content['text/event-stream']?.examples as Record<string, { value?: unknown }> | undefined
  )?.[TURN_EXAMPLE];
  if (typeof example?.value !== 'string')
    throw new Error(
      `the spec has no text/event-stream example "${TURN_EXAMPLE}" for streamChatMessage's 200 to script turns from`,
    );
  return eventsOfExample(example.value);
}

const TOO_LARGE = Symbol('too large');

/** The body, or TOO_LARGE as soon as more than MAX_BODY_BYTES have arrived (the rest is never read). */
function readBody(req: IncomingMessage): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(TOO_LARGE);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
