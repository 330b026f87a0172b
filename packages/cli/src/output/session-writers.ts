// Writers for the three output formats. Each writes a page at a time and waits when the pipe is full, so a
// listing of any size streams through without piling up in memory.
import type { Writable } from 'node:stream';
import type { ChatListResponse } from '@llamacloud-chat/client';
import { pipeWriter } from './pipe-writer.js';
import { clip, jsonText, printable } from './text.js';

export type Format = 'table' | 'json' | 'ndjson';

export interface SessionWriter {
  /** Writes one page of sessions. */
  page(sessions: readonly ChatListResponse[]): Promise<void>;
  /** Finishes the output (closes a JSON array); `count` is how many sessions were written. */
  end(count: number): Promise<void>;
}

/** One JSON object per line, each session exactly as the API returned it, unknown fields included. */
function ndjson(out: Writable): SessionWriter {
  const write = pipeWriter(out);
  return {
    page: (sessions) =>
      sessions.length ? write(`${sessions.map((s) => jsonText(s)).join('\n')}\n`) : Promise.resolve(),
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
      const body = sessions.map((s) => jsonText(s)).join(',\n');
      await write(`${started ? ',\n' : '[\n'}${body}`);
      started = true;
    },
    end: () => write(started ? '\n]\n' : '[]\n'),
  };
}

/** The width a table fits when it is not on a terminal that says its own (`--format table` into a pipe). */
export const DEFAULT_COLUMNS = 80;

/** The title never gets fewer columns than this, even next to a long id. */
const MIN_TITLE = 5;

/** Below this many columns for the title, the time of day is left out of LAST UPDATED to make room. */
const ROOMY_TITLE = 20;

const HEADERS = ['SESSION ID', 'LAST UPDATED', 'TURNS', 'TOKENS'] as const;

/** `2026-04-22 12:34` (or `2026-04-22` when short of room): a timestamp as a person scans a list; else as it came. */
export function shortTime(value: string, withTime = true): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  if (!match) return value;
  return withTime ? `${match[1]} ${match[2]}` : (match[1] as string);
}

/** The cells of a session's row but the title. */
function cells(s: ChatListResponse, withTime: boolean): string[] {
  const job = s.job_metadata;
  const tokens = job ? `${job.total_input_tokens ?? '-'}/${job.total_output_tokens ?? '-'}` : '-';
  return [
    s.session_id,
    shortTime(String(s.last_updated_at), withTime),
    String(job?.turns ?? '-'),
    tokens,
  ].map((cell) => printable(cell));
}

/** Each column's width: the widest of its header and its cells. */
const widthsOf = (rows: readonly string[][]) =>
  HEADERS.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]?.length ?? 0)));

const fixedWidth = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w + 2, 0);

/**
 * A table that fits the terminal's width (80 columns when it says none). Rows are printed page by page, so the
 * layout is taken from the first page: a longer id on a later page is kept whole and pushes its row out, never
 * cut, since an id is what a user copies. The title takes what is left and is cut with `…`.
 */
function table(out: Writable & { columns?: number }): SessionWriter {
  const write = pipeWriter(out);
  let layout: { widths: number[]; withTime: boolean } | undefined;
  const width = () => out.columns ?? DEFAULT_COLUMNS;
  return {
    page: async (sessions) => {
      if (!sessions.length) return;
      const head = layout === undefined;
      if (!layout) {
        const widths = widthsOf(sessions.map((s) => cells(s, true)));
        const withTime = width() - fixedWidth(widths) >= ROOMY_TITLE;
        layout = { widths: withTime ? widths : widthsOf(sessions.map((s) => cells(s, false))), withTime };
      }
      const { widths, withTime } = layout;
      const line = (row: readonly string[], title: string) => {
        const padded = row.map((cell, i) => cell.padEnd(widths[i] ?? 0));
        const fixed = padded.reduce((sum, cell) => sum + cell.length + 2, 0);
        return [...padded, clip(title, Math.max(MIN_TITLE, width() - fixed))].join('  ').trimEnd();
      };
      const text = sessions.map((s) =>
        line(cells(s, withTime), printable(s.generated_title ?? '(untitled)')),
      );
      if (head) text.unshift(line(HEADERS, 'TITLE'));
      await write(`${text.join('\n')}\n`);
    },
    end: async (count) => {
      if (count === 0) await write('No sessions.\n');
    },
  };
}

export function sessionWriter(format: Format, out: Writable): SessionWriter {
  return format === 'table' ? table(out) : format === 'json' ? json(out) : ndjson(out);
}
