// Writers for the three output formats. Each writes a page at a time and waits when the pipe is full, so a
// listing of any size streams through without piling up in memory.
import type { Writable } from 'node:stream';
import type { ChatListResponse } from '@llamacloud-chat/client';
import { printable } from './text.js';

export type Format = 'table' | 'json' | 'ndjson';

export interface SessionWriter {
  /** Writes one page of sessions. */
  page(sessions: readonly ChatListResponse[]): Promise<void>;
  /** Finishes the output (closes a JSON array); `count` is how many sessions were written. */
  end(count: number): Promise<void>;
}

/**
 * Writes to `out`, one page at a time, waiting when the pipe is full. A failure of the stream (EPIPE when the
 * reader went away, as with `| head`) is kept by one listener for the writer's whole life, so it is never
 * thrown at the process; the next write rejects with it.
 */
export function pipeWriter(out: Writable) {
  let failure: Error | undefined;
  out.on('error', (error) => {
    failure ??= error;
  });
  return (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (failure) {
        reject(failure);
        return;
      }
      const flushed = out.write(text, (error) => {
        if (error) reject(error);
      });
      if (flushed) resolve();
      else out.once('drain', resolve);
    });
}

/** One JSON object per line, each session exactly as the API returned it, unknown fields included. */
function ndjson(out: Writable): SessionWriter {
  const write = pipeWriter(out);
  return {
    page: (sessions) =>
      sessions.length ? write(`${sessions.map((s) => JSON.stringify(s)).join('\n')}\n`) : Promise.resolve(),
    end: async () => {},
  };
}

/**
 * One JSON array, written as it arrives: one session per line. After an error the array is left open, so a
 * partial listing can never pass for a complete one.
 */
function json(out: Writable): SessionWriter {
  const write = pipeWriter(out);
  let started = false;
  return {
    page: async (sessions) => {
      if (!sessions.length) return;
      const body = sessions.map((s) => JSON.stringify(s)).join(',\n');
      await write(`${started ? ',\n' : '[\n'}${body}`);
      started = true;
    },
    end: () => write(started ? '\n]\n' : '[]\n'),
  };
}

const COLUMNS = [
  ['SESSION ID', 24],
  ['LAST UPDATED', 27],
  ['TURNS', 5],
  ['TOKENS IN/OUT', 13],
] as const;

/** Fixed columns, so rows can be printed page by page; the title takes what is left of the terminal. */
function table(out: Writable & { columns?: number }): SessionWriter {
  const write = pipeWriter(out);
  let headed = false;
  // Titles come from chat content: never let one move the cursor, clear the screen or break a row.
  const cell = (text: string, width: number) => printable(text).padEnd(width);
  const titleWidth = () =>
    Math.max(10, (out.columns ?? 120) - COLUMNS.reduce((sum, [, w]) => sum + w + 2, 0));
  const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  return {
    page: async (sessions) => {
      if (!sessions.length) return;
      const rows = sessions.map((s) => {
        const job = s.job_metadata;
        const tokens = job ? `${job.total_input_tokens ?? '-'}/${job.total_output_tokens ?? '-'}` : '-';
        return [
          cell(s.session_id, COLUMNS[0][1]),
          cell(s.last_updated_at, COLUMNS[1][1]),
          cell(String(job?.turns ?? '-'), COLUMNS[2][1]),
          cell(tokens, COLUMNS[3][1]),
          clip(printable(s.generated_title ?? '(untitled)'), titleWidth()),
        ].join('  ');
      });
      if (!headed) rows.unshift([...COLUMNS.map(([name, width]) => cell(name, width)), 'TITLE'].join('  '));
      headed = true;
      await write(`${rows.join('\n')}\n`);
    },
    end: async (count) => {
      if (count === 0) await write('No sessions.\n');
    },
  };
}

export function sessionWriter(format: Format, out: Writable): SessionWriter {
  return format === 'table' ? table(out) : format === 'json' ? json(out) : ndjson(out);
}
