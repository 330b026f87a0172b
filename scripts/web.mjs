// `pnpm web [--port <n>]`: builds the chat page and its relay quietly (a turbo cache hit when nothing changed),
// then serves them, with the built-in mock unless LLAMA_CLOUD_API_KEY is set, until Ctrl-C. Prints the page's URL.

import { buildQuietly } from './build-quietly.mjs';

buildQuietly('@llamacloud-chat/web');

await import('../packages/web/dist/relay/main.js');
