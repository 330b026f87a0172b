// An `api` call's fields, `name=value`, split by the spec into the path's values and the method's flat params
// (its query and body together, as the client takes them). A bare `name=value` is read as the spec types the
// field; `-f` keeps the text; `-F` reads `true`, `false`, `null`, a number, JSON, or `@file` (`@-` for stdin).
// A name the operation does not take is a usage error naming the ones it does, before anything is sent.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { type CatalogEntry, operationFields, readText } from '@llamacloud-chat/client/catalog';
import { ConfigError } from '../../errors.js';

/** How a field's text is read. */
export type FieldKind = 'spec' | 'raw' | 'typed';

export interface FieldArg {
  kind: FieldKind;
  /** `name=value` as typed. */
  text: string;
}

export interface CallArgs {
  pathValues: Record<string, string>;
  params: Record<string, unknown>;
}

/** Every field the operation takes, by name. */
const fieldsByName = (entry: CatalogEntry) =>
  new Map(operationFields(entry).map((field) => [field.name, field]));

/** `name (in)` for each field, for messages and help. */
export const fieldList = (entry: CatalogEntry) =>
  operationFields(entry)
    .map((field) => `${field.name} (${field.in})`)
    .join(', ') || 'none';

/** The most of a file or stdin a field or `--input` reads: a request body is kilobytes, not a disk. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

const tooLarge = (what: string) =>
  new ConfigError(`${what} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, more than any request body.`);

async function readAll(stream: Readable, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > MAX_INPUT_BYTES) throw tooLarge(what);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readSource(source: string, stdin: Readable, what: string): Promise<string> {
  if (source === '-') return readAll(stdin, what);
  return readAll(createReadStream(source), what);
}

/** `-F`'s reading: literals, numbers and JSON as values, `@file` as the file's text, the rest as text. */
async function typedValue(text: string, stdin: Readable): Promise<unknown> {
  if (text.startsWith('@')) {
    const file = text.slice(1);
    try {
      return await readSource(file, stdin, `@${file}`);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (/^[[{"]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`the value ${text} is not JSON: ${(error as Error).message}`);
    }
  }
  return text;
}

/** The call's path values and params, from `--input`'s body (if any) and the fields, later ones winning. */
export async function callArgs(
  entry: CatalogEntry,
  fields: readonly FieldArg[],
  input: Record<string, unknown> | undefined,
  stdin: Readable,
): Promise<CallArgs> {
  const known = fieldsByName(entry);
  const args: CallArgs = { pathValues: {}, params: { ...(input ?? {}) } };
  for (const { kind, text } of fields) {
    const equals = text.indexOf('=');
    if (equals < 1) throw new ConfigError(`a field is name=value; got ${JSON.stringify(text)}`);
    const name = text.slice(0, equals);
    const raw = text.slice(equals + 1);
    const field = known.get(name);
    if (!field)
      throw new ConfigError(`${entry.operationId} has no field ${name}; it takes ${fieldList(entry)}.`);
    if (field.in === 'path') {
      args.pathValues[name] = kind === 'typed' ? String(await typedValue(raw, stdin)) : raw;
      continue;
    }
    args.params[name] =
      kind === 'raw' ? raw : kind === 'typed' ? await typedValue(raw, stdin) : readText(field.schema, raw);
  }
  for (const name of Object.keys(input ?? {}))
    if (known.get(name)?.in !== 'body' && known.get(name)?.in !== 'query')
      throw new ConfigError(
        `--input has the field ${name}, which ${entry.operationId} does not take; it takes ${fieldList(entry)}.`,
      );
  return args;
}

/** `--input`'s body: a JSON object from a file, or from stdin for `-`. */
export async function readInput(source: string, stdin: Readable): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readSource(source, stdin, `--input ${source}`);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `cannot read --input ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`--input ${source} is not JSON: ${(error as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new ConfigError(
      `--input ${source} must hold a JSON object (the request body); it holds ${Array.isArray(body) ? 'an array' : typeof body}.`,
    );
  return body as Record<string, unknown>;
}
