// Public entry of @llamacloud-chat/mcp: the server for one connection, the tools made from the catalog, and the
// whole server with its transport, as the bin starts it.
export { callTool } from './call-tool.js';
export {
  type Clock,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_SESSION_IDLE_TIMEOUT_S,
  type HttpOptions,
  MCP_PATH,
  type RunningHttp,
  startHttp,
  systemClock,
} from './http-server.js';
export { createMcpServer, type ServerOptions } from './server.js';
export { type RunningMcp, type StartOptions, startMcp } from './start.js';
export { DEFAULT_MAX_LINE_BYTES, LineTransport } from './stdio.js';
export { DEFAULT_PAGE_SIZE, type ToolSpec, toolsOf } from './tools.js';
