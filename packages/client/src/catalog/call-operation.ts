// Calls an operation of the catalog through the client's own method for it (`client.chat.getSummary(id, params,
// options)`), so a call by name (the relay's, the CLI's `api`, an MCP tool's) gets every check and guarantee a
// direct call gets.
import type { LlamaCloud } from '../llama-cloud.js';
import type { Reads } from '../operations/operation.js';
import { placeholderNames } from '../request/path-template.js';
import type { RequestOptions } from '../request-options.js';
import type { CatalogEntry } from './catalog-entry.js';

type Method = (...args: unknown[]) => unknown;

/**
 * Calls `entry` on `client` with its path values and flat params (query and body together, as a method takes
 * them). The call's pending result, and how its 2xx is read (a page, an event stream, a JSON body or nothing).
 */
export function callOperation(
  client: LlamaCloud,
  entry: CatalogEntry,
  pathValues: Readonly<Record<string, string>>,
  params: unknown,
  options: RequestOptions = {},
): { reads: Reads; result: unknown } {
  const dot = entry.sdkName.lastIndexOf('.');
  const resourceName = entry.sdkName.slice(0, dot);
  const methodName = entry.sdkName.slice(dot + 1);
  const resource = (client as unknown as Record<string, Record<string, Method>>)[resourceName];
  const method = resource?.[methodName];
  if (!method) throw new Error(`The client has no method ${entry.sdkName}.`);
  // A method takes its path values first, in the template's order.
  const args = placeholderNames(entry.path).map((name) => pathValues[name]);
  return { reads: entry.reads, result: method.call(resource, ...args, params, options) };
}
