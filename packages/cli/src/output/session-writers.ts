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

/** The room kept at the end of a row for the session id, the mock's and the spec examples' length. */
const ID_ROOM = 16;

/** The title never gets fewer columns than this. */
const MIN_TITLE = 8;

/** Below this many columns for the title, the time of day is left out of LAST UPDATED to make room. */
const ROOMY_TITLE = 20;

/** Columns before the title: a header and a fixed width each, wide enough for any value a session has. */
const COLUMNS = [
  { header: 'LAST UPDATED', width: 16 },
  { header: 'TURNS', width: 5 },
  { header: 'TOKENS', width: 13 },
] as const;

const GAP = '  ';

/** `2026-04-22 12:34` (or `2026-04-22` when short of room): a timestamp as a person scans a list; else as it came. */
export function shortTime(value: string, withTime = true): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  if (!match) return value;
  return withTime ? `${match[1]} ${match[2]}` : (match[1] as string);
}

/** The cells of a session's row before the title. */
function cells(s: ChatListResponse, withTime: boolean): string[] {
  const job = s.job_metadata;
  const tokens = job ? `${job.total_input_tokens ?? '-'}/${job.total_output_tokens ?? '-'}` : '-';
  return [shortTime(String(s.last_updated_at), withTime), String(job?.turns ?? '-'), tokens].map((cell) =>
    printable(cell),
  );
}

/** Where each column goes on a terminal `columns` wide: decided before any session is seen. */
export function tableLayout(columns: number): { widths: number[]; title: number; withTime: boolean } {
  const fixed = (widths: readonly number[]) => widths.reduce((sum, w) => sum + w + GAP.length, 0);
  const roomy = COLUMNS.map((c) => c.width);
  const withTime = columns - fixed(roomy) - GAP.length - ID_ROOM >= ROOMY_TITLE;
  // The date alone, under a header that is never cut.
  const widths = withTime ? roomy : [COLUMNS[0].header.length, ...roomy.slice(1)];
  return { widths, title: Math.max(MIN_TITLE, columns - fixed(widths) - GAP.length - ID_ROOM), withTime };
}

/**
 * A table that fits the terminal's width (80 columns when it says none), printed page by page with its columns
 * where they were on the first row to the last: every width is decided from the terminal before the first
 * page, a cell is cut with `…` to its column, and the session id, which a user copies and which is never cut,
 * comes last, so a longer one runs past the others' ends instead of pushing them out.
 */
function table(out: Writable & { columns?: number }): SessionWriter {
  const write = pipeWriter(out);
  const layout = tableLayout(out.columns ?? DEFAULT_COLUMNS);
  let head = true;
  const line = (row: readonly string[], title: string, id: string) =>
    [
      ...row.map((cell, i) => clip(cell, layout.widths[i] ?? 0).padEnd(layout.widths[i] ?? 0)),
      clip(title, layout.title).padEnd(layout.title),
      id,
    ]
      .join(GAP)
      .trimEnd();
  return {
    page: async (sessions) => {
      if (!sessions.length) return;
      const text = sessions.map((s) =>
        line(
          cells(s, layout.withTime),
          printable(s.generated_title ?? '(untitled)'),
          printable(s.session_id),
        ),
      );
      if (head)
        text.unshift(
          line(
            COLUMNS.map((c) => c.header),
            'TITLE',
            'SESSION ID',
          ),
        );
      head = false;
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
