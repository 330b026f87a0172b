// Runs a tool: its arguments checked against its input schema (nothing is sent when they break it), the call made
// through the client's own method for the operation, and the answer made a tool result. A failure is a result with
// `isError` and the client's message, which says what was wrong and never holds the key.
import type LlamaCloud from '@llamacloud-chat/client';
import { LlamaCloudError } from '@llamacloud-chat/client';
import { callOperation } from '@llamacloud-chat/client/catalog';
import type { CallToolResult, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { DEFAULT_PAGE_SIZE, type ToolSpec } from './tools.js';
import { TurnCollector } from './turn-result.js';

export interface ToolCallContext {
  signal: AbortSignal;
  /** The caller's progress token, when it asked for progress. */
  progressToken?: string | number | undefined;
  sendNotification(notification: ServerNotification): Promise<void>;
}

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });
const validators = new WeakMap<ToolSpec, ValidateFunction>();

const failed = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });
const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The arguments' problems in words, or none. */
function argumentProblems(spec: ToolSpec, args: Record<string, unknown>): string[] {
  let validate = validators.get(spec);
  if (!validate) {
    validate = ajv.compile(spec.tool.inputSchema);
    validators.set(spec, validate);
  }
  if (validate(args)) return [];
  return (validate.errors ?? []).map((error) => {
    const where = error.instancePath ? error.instancePath.slice(1).replaceAll('/', '.') : 'arguments';
    const extra =
      error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    return `${where} ${error.message}${extra}`;
  });
}

export async function callTool(
  client: LlamaCloud,
  spec: ToolSpec,
  args: Record<string, unknown>,
  context: ToolCallContext,
): Promise<CallToolResult> {
  const problems = argumentProblems(spec, args);
  if (problems.length > 0)
    return failed(
      `Invalid arguments for ${spec.tool.name}: ${problems.join('; ')}. Nothing was sent. It takes: ${Object.keys(spec.places).join(', ')}.`,
    );
  const pathValues: Record<string, string> = {};
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (spec.places[name] === 'path') pathValues[name] = String(value);
    else params[name] = value;
  }
  if (spec.entry.reads === 'page' && 'page_size' in spec.places && params.page_size === undefined)
    params.page_size = DEFAULT_PAGE_SIZE;
  try {
    const call = callOperation(client, spec.entry, pathValues, params, { signal: context.signal });
    switch (call.reads) {
      case 'page': {
        const body = ((await call.result) as { body: Record<string, unknown> }).body;
        return { content: [{ type: 'text', text: json(body) }], structuredContent: body };
      }
      case 'events':
        return await streamed(call.result, context);
      case 'none':
        await call.result;
        return { content: [{ type: 'text', text: `${spec.entry.summary}: done.` }] };
      default: {
        const data = (await call.result) as Record<string, unknown>;
        return { content: [{ type: 'text', text: json(data) }], structuredContent: data };
      }
    }
  } catch (error) {
    if (error instanceof LlamaCloudError) return failed(error.message);
    throw error;
  }
}

/** A streamed turn: progress per text delta as it arrives, then the turn in short form. */
async function streamed(result: unknown, context: ToolCallContext): Promise<CallToolResult> {
  const turn = new TurnCollector();
  let progress = 0;
  for await (const event of (await result) as AsyncIterable<Record<string, unknown>>) {
    const text = turn.add(
      event.type === 'unknown' && 'event' in event ? (event.event as Record<string, unknown>) : event,
    );
    if (text !== undefined && context.progressToken !== undefined) {
      progress += 1;
      await context.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: context.progressToken, progress, message: text },
      });
    }
  }
  const summary = turn.summary();
  const lines = [
    summary.text,
    ...summary.tool_calls.map(
      (call) => `Tool ${call.name}(${call.arguments}) → ${call.result ?? '(no result)'}`,
    ),
    `Usage: ${JSON.stringify(summary.usage)}`,
    ...(summary.skipped_index_ids.length ? [`Skipped indexes: ${summary.skipped_index_ids.join(', ')}`] : []),
    ...(summary.is_error ? [`The turn failed: ${summary.error ?? 'no reason given'}`] : []),
  ];
  return {
    isError: summary.is_error,
    content: [{ type: 'text', text: lines.join('\n') }],
    structuredContent: summary as unknown as Record<string, unknown>,
  };
}
