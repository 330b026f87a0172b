// Types for api-doc.mjs, for its test.
export const SPEC: string;
export const MAP: string;
export const OUT: string;
export function apiDoc(document: unknown, map: unknown): string;
export function writeApiDoc(): Promise<void>;
