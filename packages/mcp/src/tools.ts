// The tools, made from the catalog with nothing written per operation: one per operation, named after the client's
// name for it, described by the spec's summary and description, taking the operation's parameters as one flat
// object (path, query and body together, as a client method takes them), returning its JSON 2xx as structured
// content, with hints from its method.
import {
  type CatalogEntry,
  type FieldPlace,
  type JsonSchema,
  operationFields,
} from '@llamacloud-chat/client/catalog';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** How many sessions a listing tool returns when the agent does not say: a page an agent can read whole. */
export const DEFAULT_PAGE_SIZE = 10;

/** Where each of a tool's arguments goes. */
export type ArgumentPlace = FieldPlace;

export interface ToolSpec {
  tool: Tool;
  entry: CatalogEntry;
  /** Each argument's place in the request. */
  places: Readonly<Record<string, ArgumentPlace>>;
}

function inputSchemaOf(entry: CatalogEntry): {
  schema: Tool['inputSchema'];
  places: Record<string, ArgumentPlace>;
} {
  const fields = operationFields(entry);
  const properties: Record<string, JsonSchema> = Object.fromEntries(
    fields.map((field) => [field.name, field.schema]),
  );
  if (entry.reads === 'page' && properties.page_size)
    properties.page_size = { ...properties.page_size, default: DEFAULT_PAGE_SIZE };
  return {
    schema: {
      type: 'object',
      properties,
      required: fields.filter((field) => field.required).map((field) => field.name),
      additionalProperties: false,
    },
    places: Object.fromEntries(fields.map((field) => [field.name, field.in])),
  };
}

/** The JSON 2xx's schema, when it is an object (what structured content must be). */
function outputSchemaOf(entry: CatalogEntry): Tool['outputSchema'] | undefined {
  if (entry.reads !== 'json' && entry.reads !== 'page') return undefined;
  const ok = Object.entries(entry.schemas.responses).find(([status]) => status.startsWith('2'))?.[1];
  const schema = ok?.mediaType === 'application/json' ? ok.schema : null;
  if (!schema) return undefined;
  if (schema.type === 'object') return schema as Tool['outputSchema'];
  // An object made of others (`allOf`), which MCP wants marked an object at the top.
  if (Array.isArray(schema.allOf) || schema.properties)
    return { ...schema, type: 'object' } as Tool['outputSchema'];
  return undefined;
}

function descriptionOf(entry: CatalogEntry): string {
  const paging =
    entry.reads === 'page'
      ? ` Returns one page (${DEFAULT_PAGE_SIZE} items unless page_size says otherwise) and its next_page_token; pass that back as page_token for the next page, until it is null.`
      : '';
  const streaming =
    entry.reads === 'events'
      ? ' The answer streams: with a progressToken, each piece of text is a progress notification as it arrives.'
      : '';
  return `${entry.summary}. ${entry.description}${paging}${streaming}`.trim();
}

/** Every tool of `entries`, in the spec's order. */
export function toolsOf(entries: readonly CatalogEntry[]): ToolSpec[] {
  return entries.map((entry) => {
    const { schema, places } = inputSchemaOf(entry);
    const outputSchema = outputSchemaOf(entry);
    const tool: Tool = {
      name: entry.tool,
      title: entry.summary,
      description: descriptionOf(entry),
      inputSchema: schema,
      ...(outputSchema ? { outputSchema } : {}),
      annotations: {
        title: entry.summary,
        readOnlyHint: entry.method === 'GET',
        destructiveHint: entry.method === 'DELETE',
        // A retry may resend it: every method but POST and PATCH, as the client decides.
        idempotentHint: entry.method !== 'POST' && entry.method !== 'PATCH',
        openWorldHint: false,
      },
    };
    return { tool, entry, places };
  });
}
