// `pnpm mcp [--transport http] [--port <n>]`: builds the MCP server quietly (a turbo cache hit when nothing
// changed), then runs it in this process. On stdio, stdout carries only the protocol: the build says nothing there.

import { buildQuietly } from './build-quietly.mjs';

buildQuietly('@llamacloud-chat/mcp');

await import('../packages/mcp/dist/main.js');
