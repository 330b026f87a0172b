// The server through the SDK's own client, over its stdio transport (on pipes, in this process) and over
// Streamable HTTP, in front of
// the built-in mock: the tools and their schemas, paging as an agent pages, a session's whole life with its turn
// streamed as progress, arguments refused before any request, and a cancelled turn closing the upstream stream.
import { catalog } from '@llamacloud-chat/client/catalog';
import type { CallToolResult, JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { apiMock, type Connected, KEY, overHttp, overPipes } from './support.js';

const transports: [string, (env: Record<string, string>) => Promise<Connected>][] = [
  ['stdio', (env) => overPipes(env)],
  ['Streamable HTTP', (env) => overHttp(env)],
];

const textOf = (result: CallToolResult) => (result.content[0] as { text: string }).text;
const isProgress = (m: JSONRPCMessage) => 'method' in m && m.method === 'notifications/progress';
const isResult = (m: JSONRPCMessage) => 'result' in m && 'content' in (m.result as object);

describe.each(transports)('over %s', (_name, connect) => {
  async function connected(streamGapMs = 0) {
    const api = await apiMock(streamGapMs);
    const env = { LLAMA_CLOUD_BASE_URL: api.mock.url, LLAMA_CLOUD_API_KEY: KEY };
    return { ...(await connect(env)), ...api };
  }

  it('lists a tool per operation, named and described from the spec, with its schemas and hints', async () => {
    const { client } = await connected();

    const { tools } = await client.listTools();

    expect(tools.map((tool) => tool.name)).toEqual([
      'chat_list',
      'chat_create',
      'chat_retrieve',
      'chat_delete',
      'chat_get_summary',
      'chat_stream',
    ]);
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(byName.chat_stream?.inputSchema).toMatchObject({
      type: 'object',
      required: ['session_id', 'prompt', 'index_ids'],
      properties: { prompt: { type: 'string' }, require_all_indexes: { type: 'boolean' } },
    });
    expect(byName.chat_create?.inputSchema.properties?.shared_access).toMatchObject({
      anyOf: expect.arrayContaining([expect.objectContaining({ enum: ['query', 'read_only'] })]),
    });
    expect(byName.chat_list?.inputSchema.properties?.page_size).toMatchObject({
      type: ['integer', 'null'],
      default: 10,
    });
    expect(byName.chat_retrieve?.outputSchema?.type).toBe('object');
    expect(JSON.stringify(byName.chat_retrieve?.outputSchema)).toContain('"events"');
    expect(byName.chat_get_summary?.description).toContain(catalog[4]?.description);
    expect(
      tools.map((tool) => [
        tool.name,
        tool.annotations?.readOnlyHint,
        tool.annotations?.destructiveHint,
        tool.annotations?.idempotentHint,
      ]),
    ).toEqual([
      ['chat_list', true, false, true],
      ['chat_create', false, false, false],
      ['chat_retrieve', true, false, true],
      ['chat_delete', false, true, true],
      ['chat_get_summary', true, false, true],
      ['chat_stream', false, false, false],
    ]);
  });

  it('pages through every session by page_token, each seen once', async () => {
    const { client, mock } = await connected();
    const all = (await (
      await fetch(`${mock.url}/api/v1/chat?page_size=1000`, { headers: { authorization: `Bearer ${KEY}` } })
    ).json()) as {
      items: { session_id: string }[];
    };
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page = (await client.callTool({
        name: 'chat_list',
        arguments: { page_size: 3, ...(token ? { page_token: token } : {}) },
      })) as CallToolResult;
      expect(page.isError).toBeFalsy();
      const body = page.structuredContent as {
        items: { session_id: string }[];
        next_page_token: string | null;
      };
      seen.push(...body.items.map((item) => item.session_id));
      token = body.next_page_token;
      pages += 1;
    } while (token && pages < 20);

    expect(seen).toEqual(all.items.map((item) => item.session_id));
    expect(pages).toBe(Math.ceil(all.items.length / 3));
  });

  it('create → stream (progress before the result) → retrieve shows the turn → delete → retrieve is a 404 error', async () => {
    const { client, received } = await connected();
    const created = (await client.callTool({ name: 'chat_create', arguments: {} })) as CallToolResult;
    const id = (created.structuredContent as { session_id: string }).session_id;

    const turn = (await client.callTool(
      { name: 'chat_stream', arguments: { session_id: id, prompt: 'What changed in Q3?', index_ids: [] } },
      undefined,
      { onprogress: () => {} },
    )) as CallToolResult;
    const retrieved = (await client.callTool({
      name: 'chat_retrieve',
      arguments: { session_id: id },
    })) as CallToolResult;
    const deleted = (await client.callTool({
      name: 'chat_delete',
      arguments: { session_id: id },
    })) as CallToolResult;
    const gone = (await client.callTool({
      name: 'chat_retrieve',
      arguments: { session_id: id },
    })) as CallToolResult;

    expect(turn.isError).toBe(false);
    const summary = turn.structuredContent as {
      text: string;
      usage: { turns: number };
      tool_calls: { name: string }[];
    };
    expect(summary.text).toContain('What changed in Q3?');
    expect(summary.tool_calls.map((call) => call.name)).toEqual(['search_index']);
    expect(summary.usage).toMatchObject({ turns: 1 });
    // Every text delta was a progress notification, and all of them came before the result.
    const order = received
      .filter((m) => isProgress(m) || isResult(m))
      .map((m) => (isProgress(m) ? 'progress' : 'result'));
    const turnResult = order.lastIndexOf('result', order.length - 4);
    expect(order.slice(0, turnResult + 1).filter((kind) => kind === 'progress').length).toBe(2);
    expect(order.indexOf('progress')).toBeLessThan(turnResult);
    expect(
      received
        .filter(isProgress)
        .map((m) => (m as unknown as { params: { message: string } }).params.message)
        .join(''),
    ).toBe(summary.text);
    const events = (retrieved.structuredContent as { events: { type: string; content?: string }[] }).events;
    expect(events.find((event) => event.type === 'user_input')?.content).toBe('What changed in Q3?');
    expect(deleted.isError).toBeFalsy();
    expect(gone.isError).toBe(true);
    expect(textOf(gone)).toMatch(
      new RegExp(`^404 Not Found from GET /api/v1/chat/${id}: Chat session ${id} not found`),
    );
  });

  it('refuses arguments that break the schema, saying why, with nothing sent', async () => {
    const { client, requests } = await connected();
    const before = requests.length;

    const wrongType = (await client.callTool({
      name: 'chat_retrieve',
      arguments: { session_id: 5 },
    })) as CallToolResult;
    const missing = (await client.callTool({
      name: 'chat_stream',
      arguments: { session_id: 'ses-abc123' },
    })) as CallToolResult;
    const unknown = (await client.callTool({
      name: 'chat_get_summary',
      arguments: { session_id: 'ses-abc123', title: 'x' },
    })) as CallToolResult;
    const badEnum = (await client.callTool({
      name: 'chat_create',
      arguments: { shared_access: 'everyone' },
    })) as CallToolResult;

    for (const result of [wrongType, missing, unknown, badEnum]) expect(result.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(
      /^Invalid arguments for chat_retrieve: session_id must be string\. Nothing was sent\./,
    );
    expect(textOf(missing)).toContain("must have required property 'prompt'");
    expect(textOf(unknown)).toContain('must NOT have additional properties (title)');
    expect(textOf(badEnum)).toContain('shared_access');
    expect(requests.length).toBe(before);
  });

  it('a cancelled turn is aborted, and its upstream stream closes before the turn ends', async () => {
    const { client, received, streams } = await connected(200);
    const controller = new AbortController();
    const call = client.callTool(
      {
        name: 'chat_stream',
        arguments: { session_id: 'ses-abc123', prompt: 'A long answer, please', index_ids: [] },
      },
      undefined,
      { signal: controller.signal, onprogress: () => {} },
    );
    // Cancelled once the first piece of the answer has arrived: the turn is under way.
    await expect.poll(() => received.filter(isProgress).length, { timeout: 30_000 }).toBeGreaterThan(0);
    controller.abort();

    await expect(call).rejects.toThrow();
    await expect.poll(() => streams.length, { timeout: 30_000 }).toBe(1);
    expect(streams[0]).toMatchObject({ complete: false });
    expect(streams[0]?.sent).toBeLessThan(streams[0]?.events ?? 0);
  });
});
