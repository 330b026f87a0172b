// A value typed as text (a URL's query, a command line's `name=value`) read as the schema types it: a number for
// an integer or number, true or false for a boolean, null for `null` where null is allowed, else the text.
import type { JsonSchema } from './catalog-entry.js';

/** The JSON types `schema` allows, `anyOf`/`oneOf` branches included. */
export function typesOf(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  const own = [schema.type ?? []].flat() as string[];
  const branches = [
    ...((schema.anyOf ?? []) as JsonSchema[]),
    ...((schema.oneOf ?? []) as JsonSchema[]),
  ].flatMap(typesOf);
  return [...new Set([...own, ...branches])];
}

/** `text` as the value `schema` wants; text that is not of a wanted type stays text (the checks name it). */
export function readText(schema: JsonSchema | undefined, text: string): unknown {
  const types = typesOf(schema);
  if (
    (types.includes('integer') || types.includes('number')) &&
    text.trim() !== '' &&
    Number.isFinite(Number(text))
  )
    return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (types.includes('null') && text === 'null' && !types.includes('string')) return null;
  return text;
}
