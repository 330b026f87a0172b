// Logging, with the official SDK's levels and option names (`logLevel`, `logger`, LLAMA_CLOUD_LOG). Every line
// passes through the one scrubber (redaction.ts), so no log line can carry the API key.
import { scrubText, scrubValue } from './redaction.js';

/** A log function: a message, then details. */
type LogFn = (message: string, ...rest: unknown[]) => void;

/** Where log lines go; `console` fits. */
export interface Logger {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
}

/** How much to log: `debug` logs every request and response, `info` one line per response, `off` nothing. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

const LEVELS: Record<LogLevel, number> = { off: 0, error: 200, warn: 300, info: 400, debug: 500 };

/** Whether `value` names a log level. */
export const isLogLevel = (value: unknown): value is LogLevel =>
  typeof value === 'string' && Object.hasOwn(LEVELS, value);

/** The level names, for messages. */
export const LOG_LEVELS = Object.keys(LEVELS) as LogLevel[];

/** A logger that drops lines above `level` and replaces `secret` in everything it passes on. */
export interface ClientLog extends Logger {
  /** Whether lines of `level` are written; check before building costly details. */
  enabled(level: Exclude<LogLevel, 'off'>): boolean;
}

/** The client's log: `logger` filtered to `level`, with `secret` (when there is one) redacted from every argument. */
export function clientLog(logger: Logger, level: LogLevel, secret: string | undefined): ClientLog {
  const enabled = (at: Exclude<LogLevel, 'off'>) => LEVELS[at] <= LEVELS[level];
  const write =
    (at: Exclude<LogLevel, 'off'>): LogFn =>
    (message, ...rest) => {
      if (!enabled(at)) return;
      logger[at](scrubText(message, secret), ...rest.map((value) => scrubValue(value, secret)));
    };
  return { enabled, error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}

/** Headers as a plain object for a log line, credentials masked. */
export function loggableHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers);
  return Object.fromEntries(
    entries.map(([name, value]) => [
      name,
      /^(authorization|api-key|x-api-key|cookie|set-cookie)$/i.test(name) ? '***' : value,
    ]),
  );
}
