// Types for sdk-surface.mjs, for the generator's tests.
export interface SdkOperation {
  id: string;
  resource: string;
  name: string;
  method: string;
  path: string;
  pathParams: string[];
  query: Record<string, { types: string[]; required: boolean }>;
  body: { required: boolean; fields: Record<string, { types: string[]; required: boolean }> } | null;
  idempotent: boolean;
}
export function sdkOperations(document: unknown, map?: unknown): SdkOperation[];
export function operationsModule(operations: SdkOperation[], map?: unknown): string;
export function typesModule(document: unknown, operations: SdkOperation[], openapiModule: string): string;
export function surfaceNames(operation: SdkOperation): {
  call: string;
  params: string;
  response: string | null;
  tool: string;
};
