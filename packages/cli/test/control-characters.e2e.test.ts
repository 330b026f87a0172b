// Text a server sent, written by the CLI as a process: whatever the output (a pipe, JSON, a terminal), no raw
// control character (C0 but tab and newline, DEL, C1) or bidi control reaches it. In JSON they are escaped and
// the value parses back unchanged; in text to a pipe they are shown as their \uXXXX escape; on a terminal, spaces.
import { sendJson, serve } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import { bin, lines, runNode, serverEnv } from './harness.js';
import { startInTerminal } from './pty.js';

/** ESC (a terminal's escape sequences), U+009B (CSI on its own), U+202E (right-to-left override), a BEL. */
const HOSTILE = 'Q3 \u001b[31mred\u001b[0m \u009b2J \u202eexe.txt\u202c \u0007end';

/** Any character that must never reach the output raw. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const session = {
  session_id: 'ses-hostile',
  last_updated_at: '2026-04-22T12:00:00Z',
  shared_access: 'query',
  generated_title: HOSTILE,
};

/** A chat API whose every string it can choose carries HOSTILE. */
async function hostileApi() {
  return serve((request, res) => {
    if (request.path.endsWith('/messages/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ type: 'text_delta', content: `${HOSTILE}\n` })}\n\n`);
      const stop = { type: 'stop', error: null, is_error: false, usage: {} };
      res.end(`data: ${JSON.stringify(stop)}\n\n`);
      return;
    }
    if (request.path === '/api/v1/chat' && request.method === 'GET')
      return sendJson(res, 200, { items: [session], next_page_token: null });
    sendJson(res, 200, { ...session, events: [{ type: 'text', content: HOSTILE }] });
  });
}

describe('server text with control characters', () => {
  it('NDJSON and JSON to a pipe: escaped as \\uXXXX, parsing back to the text the server sent', async () => {
    const api = await hostileApi();
    const env = serverEnv(api.url);
    const ndjson = await runNode(bin, ['sessions', 'list'], env);
    const json = await runNode(bin, ['sessions', 'list', '--format', 'json'], env);
    const got = await runNode(bin, ['sessions', 'get', 'ses-hostile'], env);
    const created = await runNode(bin, ['sessions', 'create'], env);
    const turn = await runNode(bin, ['chat', 'ses-hostile', 'hi', '--json'], env);

    for (const result of [ndjson, json, got, created, turn]) {
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(RAW);
      expect(result.stdout).toContain('\\u202e');
      expect(result.stdout).toContain('\\u009b');
    }
    expect(JSON.parse(lines(ndjson.stdout)[0] ?? '').generated_title).toBe(HOSTILE);
    expect(JSON.parse(json.stdout)[0].generated_title).toBe(HOSTILE);
    expect(JSON.parse(got.stdout).events[0].content).toBe(HOSTILE);
    expect(JSON.parse(lines(created.stdout)[0] ?? '').generated_title).toBe(HOSTILE);
    expect(JSON.parse(lines(turn.stdout)[0] ?? '').content).toBe(`${HOSTILE}\n`);
    // Five CLI processes one after another: 30 s was not enough for them under a load of 15.
  }, 120_000);

  it('an answer as text to a pipe: each control character shown as its \\uXXXX escape, lines kept', async () => {
    const api = await hostileApi();
    const turn = await runNode(bin, ['chat', 'ses-hostile', 'hi'], serverEnv(api.url));

    expect(turn.code).toBe(0);
    expect(turn.stdout).toBe('Q3 \\u001b[31mred\\u001b[0m \\u009b2J \\u202eexe.txt\\u202c \\u0007end\n');
  });

  it('on a terminal, the table, a transcript and an answer show none of them', async () => {
    const api = await hostileApi();
    const env = serverEnv(api.url);
    for (const args of [
      ['sessions', 'list'],
      ['sessions', 'get', 'ses-hostile'],
      ['chat', 'ses-hostile', 'hi'],
    ]) {
      // Wide enough for the table's title column to hold the whole title.
      const terminal = startInTerminal(args, { ...env, NO_COLOR: '1' }, 160);
      expect(await terminal.exited).toBe(0);
      // What reached the terminal, escape sequences included: only the CLI's own may be there, never the server's.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence is the point.
      expect(terminal.raw()).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u0007]/);
      expect(terminal.raw()).not.toContain('\u001b[31m');
      expect(terminal.screen()).toContain('exe.txt');
    }
  });
});
