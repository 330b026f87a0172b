// Type-level drift between two object types, ours and another library's: the fields only one side has, and the
// fields both have with different types, as dotted paths, so a type test that pins them names each field.
//
// A path is `field.nested`, `items[]` for an array's items, and `events[type=stop]` for the member of a union
// of events whose `type` is `stop` (members are matched by `type`, not by position). Type only: nothing runs.

/** True when A and B are the same type: optional-ness, readonly-ness and nullability included. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * Every difference between `Ours` and `Theirs`, each a path marked `+` (only ours has it), `-` (only theirs has
 * it) or `~` (both have it, typed differently). `never` when the two agree. Read it through the views below.
 */
export type Drift<Ours, Theirs, At extends string = ''> =
  Same<Ours, Theirs> extends true
    ? never
    : [IsTaggedUnion<Ours>, IsTaggedUnion<Theirs>] extends [false, false]
      ? [Ours, Theirs] extends [readonly (infer O)[], readonly (infer T)[]]
        ? Drift<O, T, `${At}[]`>
        : [IsRecord<Ours>, IsRecord<Theirs>] extends [true, true]
          ? RecordDrift<Ours, Theirs, At>
          : `~${At}`
      : [IsRecord<Ours>, IsRecord<Theirs>] extends [true, true]
        ? UnionDrift<Ours, Theirs, At>
        : `~${At}`;

/**
 * What a view of a drift is when it is empty. A string, not `never`: expect-type spells out both sides of a
 * mismatch of string literals (`Expected: literal string: (none), Actual: literal string: labels`), where a
 * failed `toBeNever()` may show only the name of the type that was not empty.
 */
export type None = '(none)';
/** The paths only ours has, or None. */
export type OnlyOurs<D> = OrNone<D extends `+${infer Path}` ? Path : never>;
/** The paths only theirs has, or None. */
export type OnlyTheirs<D> = OrNone<D extends `-${infer Path}` ? Path : never>;
/** The paths both have, typed differently (optional-ness and nullability included), or None. */
export type Differing<D> = OrNone<D extends `~${infer Path}` ? Path : never>;

/** Every entry of a drift, marked `+`, `-` or `~`, or None: for two types that must agree. */
export type Entries<D> = OrNone<D>;

type OrNone<Paths> = [Paths] extends [never] ? None : Paths;

/**
 * A call's arguments as a record, named in order: `Args<Parameters<typeof f>, ['sessionId', 'params']>`, for a
 * drift of two signatures. (It takes the parameters, not the function: TypeScript compares two `Args` of two
 * functions by their type arguments, and would call any two functions' `Args` the same.)
 */
export type Args<Params extends readonly unknown[], Names extends readonly string[]> = {
  [I in keyof Names & `${number}` as Names[I] & string]: Params[I & keyof Params];
};

type Join<At extends string, Key> = At extends '' ? `${Key & string}` : `${At}.${Key & string}`;

/** An object that is neither an array nor a function: one whose fields are compared one by one. */
type IsRecord<T> = [T] extends [readonly unknown[]]
  ? false
  : [T] extends [(...args: never[]) => unknown]
    ? false
    : [T] extends [object]
      ? true
      : false;

type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/** A union of objects each carrying a `type`, like a chat turn's events. */
type IsTaggedUnion<T> = true extends IsUnion<T> ? ([Tag<T>] extends [never] ? false : true) : false;

/** The `type` of each member of a union of objects. */
type Tag<T> = T extends { type?: infer Type } ? Extract<Type, string> : never;

/** The members of a union whose `type` is `G`. */
type Member<T, G> = T extends unknown ? (G extends Tag<T> ? T : never) : never;

/** Members matched by `type`: a member only one side has is `+`/`-` as a whole; a shared one is compared. */
type UnionDrift<Ours, Theirs, At extends string> = {
  [G in Tag<Ours> | Tag<Theirs>]: MemberPath<At, G> extends infer Path extends string
    ? [G] extends [Tag<Theirs>]
      ? [G] extends [Tag<Ours>]
        ? Drift<Member<Ours, G>, Member<Theirs, G>, Path>
        : `-${Path}`
      : `+${Path}`
    : never;
}[Tag<Ours> | Tag<Theirs>];

type MemberPath<At extends string, G extends string> = At extends `${infer Head}[]`
  ? `${Head}[type=${G}]`
  : `${At}[type=${G}]`;

type RecordDrift<Ours, Theirs, At extends string> =
  | { [K in Exclude<keyof Ours, keyof Theirs>]: `+${Join<At, K>}` }[Exclude<keyof Ours, keyof Theirs>]
  | { [K in Exclude<keyof Theirs, keyof Ours>]: `-${Join<At, K>}` }[Exclude<keyof Theirs, keyof Ours>]
  | { [K in keyof Ours & keyof Theirs]: FieldDrift<Ours, Theirs, K, Join<At, K>> }[keyof Ours & keyof Theirs];

/**
 * One field both sides have: `~` when it is optional, nullable, `undefined`-able or readonly on one side only,
 * and whatever differs inside it (the non-null part of each side, compared again).
 */
type FieldDrift<Ours, Theirs, K extends keyof Ours & keyof Theirs, At extends string> =
  Same<Pick<Ours, K>, Pick<Theirs, K>> extends true
    ? never
    :
        | (Same<Modifiers<Ours, K>, Modifiers<Theirs, K>> extends true ? never : `~${At}`)
        | Drift<NonNullable<Ours[K]>, NonNullable<Theirs[K]>, At>;

type Modifiers<T, K extends keyof T> = {
  optional: Partial<Pick<T, K>> extends Pick<T, K> ? true : false;
  nullable: null extends T[K] ? true : false;
  undefinedable: undefined extends T[K] ? true : false;
  readonly: Same<Pick<T, K>, Readonly<Pick<T, K>>>;
};

/** A call as a record: its arguments named in order, and what it resolves to as `resolves`. */
export type Call<Params extends readonly unknown[], Names extends readonly string[], Result> = Args<
  Params,
  Names
> & {
  resolves: Awaited<Result>;
};
