// A resource's methods built from its generated operations, and their types derived from the generated method
// table: one method per operation, each running it through the one entry point.
import type { APIPromise } from '../api-promise.js';
import type { ClientCore } from '../client-core.js';
import type { PagePromise } from '../pagination/page-promise.js';
import type { ListRequestOptions, RequestOptions } from '../request-options.js';
import type { UnknownEvent } from '../streaming/event-decoder.js';
import type { ChatStreamPromise, EventStreamPromise } from '../streaming/stream-promise.js';
import type { Operation } from './operation.js';
import { runOperation } from './run-operation.js';

/** What a method returns, from how its operation's 2xx is read. */
type ResultOf<M> = M extends { reads: 'page'; item: infer I; page: infer P }
  ? PagePromise<I, P>
  : M extends { reads: 'json'; response: infer R }
    ? APIPromise<R>
    : M extends { reads: 'none' }
      ? APIPromise<void>
      : M extends { reads: 'events'; helpers: 'chat-turn' }
        ? ChatStreamPromise
        : M extends { reads: 'events'; event: infer E }
          ? EventStreamPromise<E | UnknownEvent>
          : never;

/** A method: its operation's arguments, then the SDK's request options. */
type MethodOf<M> = M extends { args: infer A extends unknown[]; reads: infer R }
  ? (
      ...args: [...A, options?: (R extends 'page' ? ListRequestOptions : RequestOptions) | null]
    ) => ResultOf<M>
  : never;

/** The methods of a resource, from its generated method table (`ChatOperations`). */
export type Resource<Methods> = { readonly [K in keyof Methods]: MethodOf<Methods[K]> };

/** The methods of a resource whose operations are `operations`, by method name. */
export function resourceOf<Methods>(
  core: ClientCore,
  operations: Readonly<Record<string, Operation>>,
): Resource<Methods> {
  const methods: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    methods[name] = (...args: unknown[]) => runOperation(core, operation, args);
  }
  return methods as Resource<Methods>;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** The other names of each resource (`beta.chat`), as nested objects. */
type AliasTree<Aliases, Resources> = UnionToIntersection<
  {
    [K in keyof Aliases]: Aliases[K] extends readonly (infer A)[]
      ? A extends `${infer Space}.${infer Name}`
        ? { readonly [S in Space]: { readonly [N in Name]: Resource<Resources[K & keyof Resources]> } }
        : A extends string
          ? { readonly [N in A]: Resource<Resources[K & keyof Resources]> }
          : never
      : never;
  }[keyof Aliases]
>;

/** No other names. */
export type NoAliases = Record<never, never>;

/** Every resource of a generated spec, by name, and under its other names. */
export type Resources<Methods, Aliases = NoAliases> = {
  readonly [K in keyof Methods]: Resource<Methods[K]>;
} & ([keyof Aliases] extends [never] ? unknown : AliasTree<Aliases, Methods>);

/** Every operation of a spec's resources: the table a client's core looks requests up in. */
export function operationsOf(
  resources: Readonly<Record<string, Readonly<Record<string, Operation>>>>,
): Operation[] {
  return Object.values(resources).flatMap((operations) => Object.values(operations));
}

/** The resources of `resources` on `core`, each also under its aliases (`beta.chat` is the same object as `chat`). */
export function resourcesOf<Methods, Aliases = NoAliases>(
  core: ClientCore,
  resources: Readonly<Record<string, Readonly<Record<string, Operation>>>>,
  aliases: Readonly<Record<string, readonly string[]>> = {},
): Resources<Methods, Aliases> {
  const built: Record<string, unknown> = {};
  for (const [name, operations] of Object.entries(resources)) built[name] = resourceOf(core, operations);
  for (const [name, names] of Object.entries(aliases)) {
    for (const alias of names) {
      const parts = alias.split('.');
      const last = parts.pop() as string;
      let at = built;
      for (const part of parts) {
        at[part] ??= {};
        at = at[part] as Record<string, unknown>;
      }
      at[last] = built[name];
    }
  }
  return built as Resources<Methods, Aliases>;
}
