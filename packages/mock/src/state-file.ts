// `--state <file>`: the mock's sessions kept in a JSON file across restarts. Every change is written whole to a
// temp file beside it, then renamed over it, so the file is always one whole state, even after a kill. Writes
// are coalesced: one at a time, the next carrying every change made meanwhile. A file that exists but cannot be
// read as a state is an error naming it, and is never written over.
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { describeErrors } from './answer-check.js';
import type { StoreState } from './session-store.js';

/** The shape of a state file; what each session holds is checked against the spec when it is answered. */
const STATE_SCHEMA = {
  type: 'object',
  required: ['version', 'sessions'],
  properties: {
    version: { type: 'integer', minimum: 0 },
    pageTokenKey: { type: 'string', minLength: 16 },
    sessions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['session', 'events', 'scope', 'createdAt', 'places'],
        properties: {
          session: {
            type: 'object',
            required: ['session_id'],
            properties: { session_id: { type: 'string' } },
          },
          events: { type: 'array' },
          scope: {
            type: 'object',
            required: ['project_id', 'organization_id'],
            properties: {
              project_id: { type: ['string', 'null'] },
              organization_id: { type: ['string', 'null'] },
            },
          },
          createdAt: { type: 'integer', minimum: 0 },
          places: {
            type: 'array',
            minItems: 1,
            items: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'number' } },
          },
        },
      },
    },
  },
} as const;

/** A state file that exists but holds no state the mock can use. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** The state a file holds; undefined when there is no such file (the mock starts from its seed and creates it). */
export async function readState(path: string): Promise<StoreState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read the state file ${path}: ${(error as Error).message}`);
  }
  const leftAlone = 'It was left as it is; fix it, remove it, or pick another --state file.';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(
      `the state file ${path} is not JSON (${(error as Error).message}). ${leftAlone}`,
    );
  }
  const validate = new Ajv({ allErrors: true }).compile(STATE_SCHEMA);
  if (!validate(value)) {
    const problems = describeErrors(validate.errors ?? [], 'the file')
      .slice(0, 5)
      .join('; ');
    throw new StateFileError(
      `the state file ${path} does not hold the mock's sessions: ${problems}. ${leftAlone}`,
    );
  }
  return value as unknown as StoreState;
}

/** The temp file a write of this process goes through: `.<name>.<pid>.<n>.tmp`, beside the state file. */
const tempName = (path: string, pid: number, n: number) =>
  join(dirname(path), `.${basename(path)}.${pid}.${n}.tmp`);

/** Whether a process with this id is running (one that exists but is not ours counts as running). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files a killed write left beside `path` (a kill between the write and the rename), so they
 * do not pile up. A temp file of a process still running is its write under way, and is left alone.
 */
export async function removeLeftoverTemps(path: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return; // No folder: nothing left over; writing will say what is wrong with it.
  }
  const prefix = `.${basename(path)}.`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const match = /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length));
    const pid = Number(match?.[1]);
    if (!match || (pid !== process.pid && running(pid))) continue;
    await rm(join(dirname(path), name), { force: true });
  }
}

/**
 * A writer for `path`: each call asks for the state `current()` returns to be written, and resolves once a write
 * that read the state after the call is in the file. At most one write is under way; calls made meanwhile share
 * the one write after it, which reads the state when it starts, so a burst of changes costs two writes and one
 * copy of the state in memory, not one copy per change. Each write goes to a temp file in the same folder (so the
 * rename stays on one file system), then is renamed over `path`: a reader (or a kill) never sees half a file.
 */
export function stateWriter(path: string): (current: () => StoreState) => Promise<void> {
  let latest: () => StoreState = () => ({ version: 0, sessions: [] });
  let writing: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  let count = 0;
  const writeNow = async () => {
    // Read and serialised at once, before the first await: every change made so far is in this write.
    const text = `${JSON.stringify(latest(), null, 1)}\n`;
    count += 1;
    const temp = tempName(path, process.pid, count);
    try {
      await writeFile(temp, text, 'utf8');
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw new StateFileError(`cannot write the state file ${path}: ${(error as Error).message}`);
    }
  };
  return (current) => {
    latest = current;
    if (next) return next;
    const write = writing.then(() => {
      next = undefined;
      return writeNow();
    });
    next = write;
    writing = write.catch(() => {});
    return write;
  };
}
