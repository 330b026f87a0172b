// Where the workspace spec is: resolved through its package like any other dependency.
import { createRequire } from 'node:module';

/** The workspace spec, `openapi/openapi.yaml`. */
export const SPEC_PATH = createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml');
