// One log line per request, when a `log` sink is given: method, path, status and time, and for a stream the
// events sent; never the API key, wherever a caller put it. The library is silent without a sink.
import { describe, expect, it, vi } from 'vitest';
import { clientFor, mockFor, SETTLE } from './support.js';

const KEY = 'llx-secret-key-do-not-log-1234';

describe('the request log', () => {
  it('writes one line per request, without the key', async () => {
    const lines: string[] = [];
    const mock = await mockFor({ log: (line) => lines.push(line) });
    const headers = { authorization: `Bearer ${KEY}` };

    await (await fetch(`${mock.url}/api/v1/chat?page_size=1`, { headers })).arrayBuffer();
    await (await fetch(`${mock.url}/api/v1/chat/ses-gone`, { headers })).arrayBuffer();
    await (await fetch(`${mock.url}/api/v1/chat?api_key=${KEY}`, { headers })).arrayBuffer();
    await (await fetch(`${mock.url}/api/v1/chat`, { method: 'OPTIONS' })).arrayBuffer();
    await (
      await fetch(`${mock.url}/api/v1/chat/ses-abc123/messages/stream`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Hi', index_ids: [] }),
      })
    ).arrayBuffer();

    await vi.waitFor(() => expect(lines).toHaveLength(5), SETTLE);
    expect(lines).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/chat\?page_size=1 200 \d+ms$/),
      expect.stringMatching(/^GET \/api\/v1\/chat\/ses-gone 404 \d+ms$/),
      expect.stringMatching(/^GET \/api\/v1\/chat\?api_key=\*\*\* 200 \d+ms$/),
      expect.stringMatching(/^OPTIONS \/api\/v1\/chat 204 \d+ms$/),
      expect.stringMatching(/^POST \/api\/v1\/chat\/ses-abc123\/messages\/stream 200 \d+ms 9\/9 events$/),
    ]);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('says when a stream was cut off, and when a fault dropped an answer', async () => {
    const lines: string[] = [];
    const mock = await mockFor({ log: (line) => lines.push(line) });

    const cut = clientFor(mock, { defaultHeaders: { 'x-mock-fault': 'drop-after=2' } });
    await (async () => {
      for await (const _ of cut.beta.chat.stream('ses-abc123', { prompt: 'Hi', index_ids: [] }));
    })().catch(() => {});
    await cut.beta.chat.retrieve('ses-abc123').catch(() => {});

    await vi.waitFor(() => expect(lines).toHaveLength(2), SETTLE);
    expect(lines).toEqual([
      expect.stringMatching(
        /^POST \/api\/v1\/chat\/ses-abc123\/messages\/stream 200 \d+ms 2\/9 events \(x-mock-fault: drop\)$/,
      ),
      expect.stringMatching(/^GET \/api\/v1\/chat\/ses-abc123 - \d+ms \(x-mock-fault: dropped\)$/),
    ]);
  });

  it('is silent without a sink', async () => {
    const write = vi.spyOn(process.stderr, 'write');
    const log = vi.spyOn(console, 'log');
    const mock = await mockFor();

    await (
      await fetch(`${mock.url}/api/v1/chat`, { headers: { authorization: `Bearer ${KEY}` } })
    ).arrayBuffer();

    expect(write).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    write.mockRestore();
    log.mockRestore();
  });
});
