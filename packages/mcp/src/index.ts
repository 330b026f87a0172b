// Public entry of @llamacloud-chat/mcp: the server for one connection, the tools made from the catalog, and the
// whole server with its transport, as the bin starts it.
export { callTool } from './call-tool.js';
export { MCP_PATH, startHttp } from './http-server.js';
export { createMcpServer, type ServerOptions } from './server.js';
export { type RunningMcp, type StartOptions, startMcp } from './start.js';
export { DEFAULT_PAGE_SIZE, type ToolSpec, toolsOf } from './tools.js';
