// Client options resolved once: environment defaults applied, every value checked, so the rest of the client
// works with values it can trust. Per-call options' retry settings and base URL are checked by the same rules.
import { sleep } from './abort.js';
import { ClientConfigError } from './errors/index.js';
import { clientLog, isLogLevel, LOG_LEVELS, type Logger, type LogLevel } from './logging.js';
import {
  type CallRetryOptions,
  type ClientOptions,
  DEFAULT_BASE_URL,
  DEFAULT_RESPONSE_LIMITS,
  DEFAULT_STREAM_TIMEOUT,
  type ResolvedClientOptions,
  type RetryTimers,
} from './options.js';
import { DEFAULT_RETRY_POLICY } from './retry-timing.js';

const REAL_TIMERS: RetryTimers = {
  sleep,
  random: Math.random,
  now: Date.now,
  schedule: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

/** Every option the client knows; any other is a mistake worth naming. */
const KNOWN_OPTIONS = new Set<string>([
  'apiKey',
  'baseURL',
  'baseUrl',
  'fetch',
  'fetchOptions',
  'defaultHeaders',
  'defaultQuery',
  'logLevel',
  'logger',
  'maxRetries',
  'timeout',
  'streamTimeout',
  'maxRetryWait',
  'retryBackoff',
  'retryTimers',
  'maxResponseBytes',
  'maxEventBytes',
] satisfies (keyof ClientOptions)[]);

/** The longest delay a timer can hold (2³¹ − 1 ms, about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The shortest key scrubbed from what servers send back. Replacing every "abc" of every body for a 3-character
 * key would rewrite titles and ids while protecting nothing: no real key is that short. A shorter key is still
 * sent only in the Authorization header and masked in debug logs; it is just not searched for in bodies.
 */
export const MIN_SCRUBBED_KEY_LENGTH = 8;

interface NumberRule {
  min: number;
  max?: number;
  integer?: boolean;
}

/** Checks a count or duration option: undefined, or a finite number within the rule. */
export function checkNumber(name: string, value: number | undefined, rule: NumberRule): void {
  const { min, max = Number.POSITIVE_INFINITY, integer = false } = rule;
  if (value === undefined) return;
  const valid =
    Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (valid) return;
  const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `from ${min} to ${max}`;
  throw new ClientConfigError(
    `${name} must be ${integer ? 'an integer' : 'a number'} ${range}, got ${value}.`,
  );
}

/** Checks the retry options of a client or of one call. */
export function checkRetryOptions(options: CallRetryOptions): void {
  checkNumber('maxRetries', options.maxRetries, { min: 0, integer: true });
  checkNumber('timeout', options.timeout, { min: 1, max: MAX_DELAY_MS });
  checkNumber('streamTimeout', options.streamTimeout, { min: 1, max: MAX_DELAY_MS });
}

function env(name: string): string | undefined {
  // `process` is absent in browsers and some edge runtimes; there, options must be passed explicitly. As in the
  // official SDK, a value of only whitespace counts as unset.
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
    name
  ];
  return value?.trim() || undefined;
}

/** Throws a ClientConfigError naming the first option the client does not know, and the one meant. */
function rejectUnknownOptions(options: object): void {
  for (const name of Object.keys(options)) {
    if (KNOWN_OPTIONS.has(name)) continue;
    const meant = [...KNOWN_OPTIONS].find((known) => known.toLowerCase() === name.toLowerCase());
    throw new ClientConfigError(
      `Unknown client option "${name}"${meant ? ` (did you mean "${meant}"?)` : ''}; the options are ` +
        `${[...KNOWN_OPTIONS].filter((known) => known !== 'baseUrl').join(', ')}.`,
    );
  }
}

/** Whether a header can carry `value`: no control character (a tab is fine), nothing past Latin-1. */
function sendable(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) return false;
  }
  return true;
}

function resolveApiKey(option: string | null | undefined): string {
  // The official SDK falls back to LlamaParse's variable too.
  const apiKey = (option ?? env('LLAMA_CLOUD_API_KEY') ?? env('LLAMA_PARSE_API_KEY'))?.trim();
  if (!apiKey) {
    throw new ClientConfigError(
      'No LlamaCloud API key: set the LLAMA_CLOUD_API_KEY environment variable or pass { apiKey }.',
    );
  }
  // Any key a header can carry is sent, as the SDK sends it; say what no header can carry without echoing it.
  if (!sendable(apiKey)) {
    throw new ClientConfigError(
      'The API key has whitespace, control or non-ASCII characters that no HTTP header can carry (a line break ' +
        'inside it, a pasted dash or a zero-width space?); copy the key again.',
    );
  }
  return apiKey;
}

/** `baseUrl` checked and without a trailing slash; `name` is what a message calls it. */
export function checkBaseUrl(baseUrl: string, name = 'base URL'): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  // Credentials or a query in the base URL would end up in every request's URL and in error messages.
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new ClientConfigError(
      `Invalid ${name} "${url ? url.origin + url.pathname : baseUrl}": use an absolute http(s) URL with no ` +
        `credentials, query or fragment, like ${DEFAULT_BASE_URL}.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** The base URL as given, and checked without its trailing slash. */
function resolveBaseUrl(option: string | null | undefined): [given: string, checked: string] {
  const given = option?.trim() || env('LLAMA_CLOUD_BASE_URL') || DEFAULT_BASE_URL;
  return [given, checkBaseUrl(given)];
}

function resolveLogLevel(options: ClientOptions, logger: Logger): LogLevel {
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel)) {
    throw new ClientConfigError(
      `logLevel must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(options.logLevel)}.`,
    );
  }
  if (options.logLevel !== undefined) return options.logLevel;
  const fromEnv = env('LLAMA_CLOUD_LOG');
  if (fromEnv === undefined || isLogLevel(fromEnv)) return fromEnv ?? 'warn';
  // Worded as the official SDK words it, so tools that watch for its warning see ours.
  logger.warn(
    `process.env['LLAMA_CLOUD_LOG'] was set to ${JSON.stringify(fromEnv)}, expected one of ${JSON.stringify(LOG_LEVELS)}`,
  );
  return 'warn';
}

function resolveDefaultHeaders(headers: ClientOptions['defaultHeaders']): Record<string, string | null> {
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers ?? {});
  const resolved: Record<string, string | null> = {};
  for (const [name, value] of entries) if (value !== undefined) resolved[name.toLowerCase()] = value;
  return resolved;
}

function resolveDefaultQuery(query: ClientOptions['defaultQuery']): Record<string, string> | undefined {
  const entries = Object.entries(query ?? {}).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** Applies the environment defaults and rejects options no request could succeed with. */
export function resolveClientOptions(options: ClientOptions = {}): ResolvedClientOptions {
  rejectUnknownOptions(options);
  const apiKey = resolveApiKey(options.apiKey);
  const secret = apiKey.length >= MIN_SCRUBBED_KEY_LENGTH ? apiKey : undefined;
  const logger = options.logger ?? (globalThis.console as Logger);
  const logLevel = resolveLogLevel(options, logger);
  const [baseURL, baseUrl] = resolveBaseUrl(options.baseURL ?? options.baseUrl);
  checkRetryOptions(options);
  checkNumber('maxRetryWait', options.maxRetryWait, { min: 0, max: MAX_DELAY_MS });
  checkNumber('maxResponseBytes', options.maxResponseBytes, { min: 1, integer: true });
  checkNumber('maxEventBytes', options.maxEventBytes, { min: 1, integer: true });
  const backoff = options.retryBackoff;
  if (backoff) {
    checkNumber('retryBackoff.initialMs', backoff.initialMs ?? Number.NaN, { min: 0, max: MAX_DELAY_MS });
    checkNumber('retryBackoff.maxMs', backoff.maxMs ?? Number.NaN, {
      min: backoff.initialMs,
      max: MAX_DELAY_MS,
    });
  }
  return {
    apiKey,
    secret,
    baseUrl,
    baseURL,
    fetch: options.fetch ?? globalThis.fetch,
    fetchOptions: options.fetchOptions ?? {},
    defaultHeaders: resolveDefaultHeaders(options.defaultHeaders),
    defaultQuery: resolveDefaultQuery(options.defaultQuery),
    retry: {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      timeout: options.timeout ?? DEFAULT_RETRY_POLICY.timeout,
      maxRetryWait: options.maxRetryWait ?? DEFAULT_RETRY_POLICY.maxRetryWait,
      retryBackoff: backoff ?? DEFAULT_RETRY_POLICY.retryBackoff,
    },
    streamTimeout: options.streamTimeout ?? DEFAULT_STREAM_TIMEOUT,
    limits: {
      body: options.maxResponseBytes ?? DEFAULT_RESPONSE_LIMITS.body,
      event: options.maxEventBytes ?? DEFAULT_RESPONSE_LIMITS.event,
    },
    timers: { ...REAL_TIMERS, ...options.retryTimers },
    log: clientLog(logger, logLevel, secret),
    logLevel,
    logger,
    given: options,
  };
}
