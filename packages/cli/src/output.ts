// Writers for the three output formats. Each writes a page at a time and waits when the pipe is full, so a
// listing of any size streams through without piling up in memory.
import type { Writable } from 'node:stream';
import type { ChatListResponse } from '@llamacloud-chat/client';

export type Format = 'table' | 'json' | 'ndjson';

export interface SessionWriter {
  /** Writes one page of sessions. */
  page(sessions: readonly ChatListResponse[]): Promise<void>;
  /** Finishes the output (closes a JSON array); `count` is how many sessions were written. */
  end(count: number): Promise<void>;
}

/** Writes `text`, resolving once the stream can take more. Rejects if the stream fails (a closed pipe). */
function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    const flushed = out.write(text, (error) => {
      out.off('error', onError);
      if (error) reject(error);
    });
    if (flushed) {
      out.off('error', onError);
      resolve();
    } else {
      out.once('drain', () => {
        out.off('error', onError);
        resolve();
      });
    }
  });
}

/** One JSON object per line, each session exactly as the API returned it, unknown fields included. */
function ndjson(out: Writable): SessionWriter {
  return {
    page: (sessions) =>
      sessions.length
        ? write(out, `${sessions.map((s) => JSON.stringify(s)).join('\n')}\n`)
        : Promise.resolve(),
    end: async () => {},
  };
}

/** One JSON array, written as it arrives: one session per line. */
function json(out: Writable): SessionWriter {
  let started = false;
  return {
    page: async (sessions) => {
      if (!sessions.length) return;
      const body = sessions.map((s) => JSON.stringify(s)).join(',\n');
      await write(out, `${started ? ',\n' : '[\n'}${body}`);
      started = true;
    },
    end: () => write(out, started ? '\n]\n' : '[]\n'),
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
  let headed = false;
  const cell = (text: string, width: number) => text.padEnd(width);
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
          clip(s.generated_title ?? '(untitled)', titleWidth()),
        ].join('  ');
      });
      if (!headed) rows.unshift([...COLUMNS.map(([name, width]) => cell(name, width)), 'TITLE'].join('  '));
      headed = true;
      await write(out, `${rows.join('\n')}\n`);
    },
    end: async (count) => {
      if (count === 0) await write(out, 'No sessions.\n');
    },
  };
}

export function sessionWriter(format: Format, out: Writable): SessionWriter {
  return format === 'table' ? table(out) : format === 'json' ? json(out) : ndjson(out);
}
