// `--state <file>`: the mock's sessions kept in a JSON file across restarts. Every change is written whole to a
// temp file beside it, then renamed over it, so the file is always one whole state, even after a kill. A file
// that exists but cannot be read as a state is an error naming it, and is never written over.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
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

/**
 * A writer for `path`: each call writes the state it is given, in call order, and resolves once that state is
 * in the file. Each write goes to a temp file in the same folder (so the rename stays on one file system), then
 * is renamed over `path`: a reader (or a kill) never sees half a file.
 */
export function stateWriter(path: string): (state: StoreState) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  let count = 0;
  return (state) => {
    const text = `${JSON.stringify(state, null, 1)}\n`;
    count += 1;
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${count}.tmp`);
    const write = queue.then(async () => {
      try {
        await writeFile(temp, text, 'utf8');
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw new StateFileError(`cannot write the state file ${path}: ${(error as Error).message}`);
      }
    });
    queue = write.catch(() => {});
    return write;
  };
}
