// Types for breaking-changes.mjs.
export function breakingChanges(
  oldDoc: unknown,
  newDoc: unknown,
): { breaking: string[]; acknowledged: boolean; oldVersion: unknown; newVersion: unknown };
