// `pnpm mock [--port <n>]`: builds the mock quietly (a turbo cache hit when nothing changed), then serves it in
// this process until Ctrl-C, so the mock's own signal handling is all there is between the terminal and it.

import { buildQuietly } from './build-quietly.mjs';

buildQuietly('@llamacloud-chat/mock');

await import('../packages/mock/dist/mock-server.js');
