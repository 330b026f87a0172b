// createSdk(): the SDK surface of any spec's generated operations (its `*.operations.ts` and `*.types.ts`), on a
// client core of its own that knows those operations (every call, a listing's pages included, is checked against
// them): one method per operation, run by the one entry point. `new LlamaCloud()` is this for the
// workspace spec, plus the HTTP verbs and the SDK's extras.
import { ClientCore } from './client-core.js';
import type { Operation } from './operations/operation.js';
import { type NoAliases, operationsOf, type Resources, resourcesOf } from './operations/resource.js';
import type { ClientOptions } from './options.js';

/**
 * The resources of a generated spec, e.g. `createSdk<ResourceOperations>(resources, { apiKey, baseURL })` with
 * both imported from the spec's generated modules. Throws {@link ClientConfigError} for bad options.
 */
export function createSdk<Methods, Aliases = NoAliases>(
  resources: Readonly<Record<string, Readonly<Record<string, Operation>>>>,
  options: ClientOptions = {},
  aliases?: Readonly<Record<string, readonly string[]>>,
): Resources<Methods, Aliases> {
  return resourcesOf<Methods, Aliases>(new ClientCore(options, operationsOf(resources)), resources, aliases);
}
