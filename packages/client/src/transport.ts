// The transport: sends one request with the key, a timeout per attempt (covering the body too) and retries, and
// returns one explicit result, the response with its body read as text. It is also the one boundary where the
// key is scrubbed from what came back, so nothing built from a result can leak it.
import { type LinkedController, linkedController } from './abort.js';
import { readBodyText, unreadableAnswer } from './body-text.js';
import {
  AbortedError,
  APIError,
  type AttemptFacts,
  ConnectionError,
  type ListingContext,
  type LlamaCloudError,
  TimeoutError,
} from './errors/index.js';
import { loggableHeaders } from './logging.js';
import type { CallRetryOptions, ResolvedClientOptions, ResponseLimits } from './options.js';
import { scrubBody, scrubResponse } from './redaction.js';
import type { OutgoingRequest } from './request/outgoing.js';
import { type AttemptOutcome, classifyFailure, requestedWait, retryDelay } from './retry-timing.js';
import { startTurnLimit, type TurnLimit, turnOutcome } from './turn-limit.js';

/** Per-call options, the documented way a call's settings reach the transport. */
export interface CallOptions extends CallRetryOptions {
  /** Cancels the call in every state: waiting, reading the body, or sleeping before a retry. */
  signal?: AbortSignal | undefined;
  /** Where in a listing this call is; every error it raises carries it. */
  context?: ListingContext | undefined;
  /** Extra `RequestInit` for this call, over the client's `fetchOptions`. */
  fetchOptions?: RequestInit | undefined;
}

/** The official SDK's header for the attempt number (0 for the first); servers use it to tell retries apart. */
const RETRY_COUNT = 'x-stainless-retry-count';

/** A 2xx response whose body is left to read as a stream. */
export interface OpenedStream {
  /** Status and headers (any header echoing the key is scrubbed); read `body` for the stream. */
  response: Response;
  attempts: number;
  /** The request's own abort controller, still linked to the caller's signal: abort it to close the stream. */
  link: LinkedController;
  /** The client's or call's timeout, for the reader to apply between chunks. */
  timeout: number;
  /** The whole stream's limit (`streamTimeout`), running since the request was sent: release it when done. */
  turn: TurnLimit;
  /** The client's timers, for the reader's idle timer. */
  schedule: (ms: number, callback: () => void) => () => void;
  /** How much of the body the reader may hold: one event, or (a body that is not a stream) all of it. */
  limits: ResponseLimits;
  /** Scrubs the key from text read from the body (the same boundary as every other response's). */
  scrub: (text: string) => string;
}

/** What a request came back with. */
export interface Exchange {
  /** Status and headers (any header echoing the key is scrubbed); the body is already read into `text`. */
  response: Response;
  /** The body as text, the key replaced with `[redacted]` (also where JSON escapes spelled it). */
  text: string;
  /** How many attempts it took. */
  attempts: number;
}

/** The error for a fetch that produced no response. */
function networkError(
  error: unknown,
  timedOut: boolean,
  timeoutMs: number,
  facts: AttemptFacts,
): LlamaCloudError {
  return timedOut
    ? new TimeoutError({ ...facts, cause: error, timeoutMs })
    : new ConnectionError({ ...facts, cause: error });
}

/** JSON when the text parses, else the text itself. */
export function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** How a response or failure reads in a log line, and what happens next. */
const outcomeNote = (wait: number | undefined, retriesLeft: number) =>
  wait === undefined ? '' : ` - retrying in ${Math.round(wait)} ms, ${retriesLeft} attempts remaining`;

/** Sends requests for one client. */
export class Transport {
  readonly #options: ResolvedClientOptions;
  /** The key, the default headers and a first attempt's retry count, for every request; its own headers win. */
  readonly #headers: Record<string, string>;
  /** False when the default headers set or remove the retry count, which then is not counted. */
  readonly #countRetries: boolean;

  constructor(options: ResolvedClientOptions) {
    this.#options = options;
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}`, [RETRY_COUNT]: '0' };
    for (const [name, value] of Object.entries(options.defaultHeaders)) {
      if (value === null) delete headers[name];
      else headers[name] = value;
    }
    this.#headers = headers;
    this.#countRetries = !(RETRY_COUNT in options.defaultHeaders);
  }

  /** The headers of `request`'s first attempt, and whether later attempts count themselves. */
  #headersOf(request: OutgoingRequest): [Record<string, string>, boolean] {
    if (!request.headers) return [this.#headers, this.#countRetries];
    const headers = { ...this.#headers };
    for (const name in request.headers) {
      const value = request.headers[name];
      if (value === null) delete headers[name];
      else if (value !== undefined) headers[name] = value;
    }
    return [headers, this.#countRetries && !(RETRY_COUNT in request.headers)];
  }

  /**
   * Sends `request`, retrying per the policy, and reads the answer as `mode` says: `answer` resolves with the
   * last response whatever its status (its body read); `ok` throws a non-2xx as the `APIError` that names it;
   * `stream` also throws a non-2xx, and hands a 2xx over with its body unread (the caller must `link.release()`
   * when done). Throws a `ConnectionError`, `TimeoutError` or `AbortedError` when no response came.
   */
  run(request: OutgoingRequest, call: CallOptions, mode: 'stream'): Promise<OpenedStream>;
  run(request: OutgoingRequest, call: CallOptions, mode: 'answer' | 'ok'): Promise<Exchange>;
  async run(
    request: OutgoingRequest,
    call: CallOptions,
    mode: 'answer' | 'ok' | 'stream',
  ): Promise<Exchange | OpenedStream> {
    const result = await this.#run(request, call, mode === 'stream');
    if ('link' in result || mode === 'answer' || result.response.ok) return result;
    throw this.#apiError(request, result, call);
  }

  async #run(request: OutgoingRequest, call: CallOptions, stream: boolean): Promise<Exchange | OpenedStream> {
    if (!stream) return this.#send(request, call, undefined);
    // A stream's whole-turn limit starts now, before the first attempt, and is handed over with the stream.
    const streamTimeout = call.streamTimeout ?? this.#options.streamTimeout;
    const turn = startTurnLimit(streamTimeout, this.#options.timers.schedule, call.signal);
    try {
      const result = await this.#send(request, call, turn);
      if (!('link' in result)) turn.release();
      return result;
    } catch (error) {
      turn.release();
      throw error;
    }
  }

  /** Sends `request` with retries; a stream's (`turn` set) 2xx is handed over unread. */
  async #send(
    request: OutgoingRequest,
    call: CallOptions,
    turn: TurnLimit | undefined,
  ): Promise<Exchange | OpenedStream> {
    const { fetch, retry, timers, secret, log, limits } = this.#options;
    const fetchOptions = call.fetchOptions
      ? { ...this.#options.fetchOptions, ...call.fetchOptions }
      : this.#options.fetchOptions;
    const timeout = call.timeout ?? retry.timeout;
    const policy = call.maxRetries === undefined ? retry : { ...retry, maxRetries: call.maxRetries };
    const { target, method, body, url } = request;
    const context = call.context;
    const caller = call.signal;
    // What each attempt's signal follows: the caller's, and a stream's whole-turn limit.
    const parent = turn?.signal ?? caller;
    const [firstHeaders, countRetries] = this.#headersOf(request);
    // Not an API request id: a tag that ties together the log lines of one request and its retries.
    /** An error's facts after `attempts`; `mayHaveArrived` false when the last attempt surely never left. */
    const facts = (attempts: number, cause: unknown, mayHaveArrived = true): AttemptFacts => ({
      ...context,
      target,
      attempts,
      cause,
      uncertainOutcome: !request.idempotent && mayHaveArrived ? request.uncertainOutcome : undefined,
    });
    /** The error for a stream whose whole-turn limit passed before it was handed over. */
    const expired = (attempts: number, cause: unknown, mayHaveArrived = true) =>
      new TimeoutError({
        ...facts(attempts, cause, mayHaveArrived),
        timeoutMs: turn?.ms,
        limit: 'turn',
        uncertainOutcome: turnOutcome('stream', turn?.ms ?? 0, 0),
      });
    const logId = log.enabled('info') ? `log_${Math.floor(timers.random() * 2 ** 24).toString(16)}` : '';
    for (let attempt = 1; ; attempt++) {
      // Before attempt n is sent: attempt n - 1 (if any) is the last that may have arrived.
      if (turn?.expired) throw expired(attempt - 1, undefined, attempt > 1);
      if (caller?.aborted) throw new AbortedError(facts(attempt - 1, caller.reason, attempt > 1));
      const headers =
        attempt > 1 && countRetries ? { ...firstHeaders, [RETRY_COUNT]: String(attempt - 1) } : firstHeaders;
      const link = linkedController(parent);
      let timedOut = false;
      const cancelTimer = timers.schedule(timeout, () => {
        timedOut = true;
        link.abort(new DOMException('timed out', 'TimeoutError'));
      });
      let outcome: AttemptOutcome;
      let failed: unknown;
      let exchange: Exchange | undefined;
      let handedOver = false;
      let response: Response | undefined;
      const started = logId ? timers.now() : 0;
      const succeeded = (status: number) =>
        logId &&
        log.info(
          `[${logId}] ${method} ${url} succeeded with status ${status} in ${timers.now() - started}ms`,
        );
      if (logId && log.enabled('debug')) {
        log.debug(`[${logId}] sending request`, { method, url, attempt, headers: loggableHeaders(headers) });
      }
      try {
        const init = {
          redirect: 'follow' as const,
          ...fetchOptions,
          method,
          // A Headers, as the SDK passes it: a custom fetch written for the SDK reads `init.headers.get()`.
          headers: new Headers(headers),
          body,
          signal: link.signal,
        };
        response = scrubResponse(await fetch(url, init), secret);
        if (turn && response.status < 400) {
          succeeded(response.status);
          handedOver = true;
          const scrub = (text: string) => scrubBody(text, secret);
          const schedule = timers.schedule;
          return { response, attempts: attempt, link, timeout, limits, scrub, turn, schedule };
        }
        const text = await readBodyText(response, { target, limit: limits.body, context });
        exchange = { response, text: scrubBody(text, secret), attempts: attempt };
        if (response.status < 400) {
          succeeded(response.status);
          return exchange;
        }
        outcome = { response: exchange.response };
      } catch (error) {
        if (turn?.expired) throw expired(attempt, error);
        if (caller?.aborted) throw new AbortedError(facts(attempt, caller.reason));
        // An answer too large or unreadable, or a redirect loop: the same again on a retry, and not the network.
        const answer = unreadableAnswer(error, target, response, context);
        if (answer) throw answer;
        failed = error;
        outcome = { failure: classifyFailure(error, timedOut) };
      } finally {
        cancelTimer();
        if (!handedOver) link.release();
      }
      const wait = retryDelay(outcome, {
        retry: attempt - 1,
        policy,
        random: timers.random(),
        now: timers.now(),
        idempotent: request.idempotent,
        retryAnswered: request.retryAnswered,
      });
      if (logId) {
        const what = exchange
          ? `${method} ${url} failed with status ${exchange.response.status}`
          : `connection ${timedOut ? 'timed out' : 'failed'} for ${method} ${url}`;
        log.info(
          `[${logId}] ${what} in ${timers.now() - started}ms${outcomeNote(wait, policy.maxRetries - attempt + 1)}`,
        );
      }
      if (wait === undefined) {
        if (exchange) return exchange;
        throw networkError(failed, timedOut, timeout, facts(attempt, failed, !outcome.failure?.notSent));
      }
      try {
        await timers.sleep(wait, parent);
      } catch {
        if (turn?.expired) throw expired(attempt, undefined, !outcome.failure?.notSent);
        throw new AbortedError(facts(attempt, caller?.reason, !outcome.failure?.notSent));
      }
    }
  }

  /** The `APIError` subclass that names a non-2xx exchange's status: the one place an APIError is built. */
  #apiError(request: OutgoingRequest, exchange: Exchange, call: CallOptions): APIError {
    const { response } = exchange;
    return APIError.generate({
      ...call.context,
      target: request.target,
      status: response.status,
      statusText: response.statusText,
      body: parseBody(exchange.text),
      headers: response.headers,
      attempts: exchange.attempts,
      retryAfterMs: requestedWait(response.headers, this.#options.timers.now()),
      uncertainOutcome: request.idempotent ? undefined : request.uncertainOutcome,
    });
  }
}
