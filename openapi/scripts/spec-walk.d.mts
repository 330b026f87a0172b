// Types for spec-walk.mjs.
export function deref(document: unknown, node: unknown): unknown;
export function typesOf(document: unknown, schema: unknown): string[];
