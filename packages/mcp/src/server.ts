// The MCP server: tools/list answers the tools made from the catalog, tools/call runs one through the client. One
// server per connection (the HTTP transport makes one per session); the client and its target are shared.
import type LlamaCloud from '@llamacloud-chat/client';
import { catalog } from '@llamacloud-chat/client/catalog';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { callTool } from './call-tool.js';
import { toolsOf } from './tools.js';
import { VERSION } from './version.js';

export interface ServerOptions {
  client: LlamaCloud;
  /** What the server tells an agent once, at initialization (where requests go). */
  instructions: string;
}

/**
 * The tools, made once per process: every connection (an HTTP session each) shares them, and with them the
 * argument validators each compiles on its first call.
 */
const tools = toolsOf(catalog);
const byName = new Map(tools.map((spec) => [spec.tool.name, spec]));

/**
 * The validator of the schemas a server asks its client for (it asks for none), shared and made on first use: by
 * default each server makes an Ajv of its own, which was most of what an HTTP session cost.
 */
let validator: AjvJsonSchemaValidator | undefined;
const sharedValidator: jsonSchemaValidator = {
  getValidator: (schema) => {
    validator ??= new AjvJsonSchemaValidator();
    return validator.getValidator(schema);
  },
};

/** A server for one connection. */
export function createMcpServer({ client, instructions }: ServerOptions): Server {
  const server = new Server(
    { name: 'llamacloud-chat', title: 'LlamaCloud chat', version: VERSION },
    { capabilities: { tools: {} }, instructions, jsonSchemaValidator: sharedValidator },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools.map((spec) => spec.tool) }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const spec = byName.get(request.params.name);
    // An unknown tool is the caller's mistake in the protocol, not a tool's failure: JSON-RPC's invalid params.
    if (!spec)
      throw new McpError(
        ErrorCode.InvalidParams,
        `No tool ${request.params.name}; the tools are ${[...byName.keys()].join(', ')}.`,
      );
    return callTool(client, spec, request.params.arguments ?? {}, {
      signal: extra.signal,
      progressToken: request.params._meta?.progressToken,
      sendNotification: (notification) => extra.sendNotification(notification),
    });
  });
  return server;
}
