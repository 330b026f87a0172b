// `@llamacloud-chat/client/catalog`: every operation of the spec as data, for the consumers that serve, relay,
// call, list or test operations by name (the mock, the relay, the CLI's `api` command, the MCP server, the
// contract suite). A separate entry, so a program that only uses the client does not carry the schemas.
import { catalog as generated } from '../generated/openapi.catalog.js';
import { resourceAliases } from '../generated/openapi.operations.js';
import type { CatalogEntry } from './catalog-entry.js';
import { findEntry } from './find-entry.js';

export { operationList, resourceAliases, resources } from '../generated/openapi.operations.js';
export { callOperation } from './call-operation.js';
export type { CatalogEntry, JsonSchema } from './catalog-entry.js';
export { type FieldPlace, type OperationField, operationFields } from './fields.js';
export { findByRoute, pathValuesOf } from './find-entry.js';
export { readText, typesOf } from './read-text.js';

/** Every operation of the workspace spec, in the spec's order. */
export const catalog: readonly CatalogEntry[] = generated as readonly CatalogEntry[];

/**
 * The operation `name` names: an operationId, a client name (`chat.getSummary`, `beta.chat.getSummary`), or a
 * method and path (`GET /api/v1/chat/{session_id}`, or the path with its values filled in). Undefined for none.
 */
export const findOperation = (name: string): CatalogEntry | undefined =>
  findEntry(catalog, name, resourceAliases as Readonly<Record<string, readonly string[]>>);
