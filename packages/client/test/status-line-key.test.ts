// One scrubber for every text built from a response: a server that puts the key in its status line (`HTTP/1.1
// 400 Bad key <key>`), in a header the message quotes, or in a body that is not JSON (plain text, HTML), spelled
// as it is or with JSON escapes, gets it into no error a caller can print, and into no log line.
import { escapedAll, printed, serve, showsIn, spellingsOf } from '@llamacloud-chat/test-support';
import { describe, expect, it } from 'vitest';
import LlamaCloud, { BadRequestError, InternalServerError, MalformedResponseError } from '../src/index.js';
import { capturingLogger } from './support/capturing-logger.js';

const KEY = 'llx-StatusLine-0123abcdef';
const params = { prompt: 'q', index_ids: ['idx-1'] };
const client = (url: string, options: ConstructorParameters<typeof LlamaCloud>[0] = {}) =>
  new LlamaCloud({ apiKey: KEY, baseURL: url, maxRetries: 0, ...options });

/** What a call threw. */
const failure = (call: () => PromiseLike<unknown>) =>
  Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (error: unknown) => error,
    );

/** Asserts that no way of printing `error` shows the key, in any spelling. */
function expectNoKey(error: unknown) {
  for (const text of printed(error)) expect(showsIn(text, KEY), text).toBe(false);
}

describe('a key in the status line', () => {
  it.each(spellingsOf(KEY))(
    'spelled %s, is in no error of a call, a listing or a stream',
    async (_how, spelled) => {
      const api = await serve((_request, res) => {
        res.writeHead(400, `Bad key ${spelled}`, { 'content-type': 'application/json' });
        res.end('{"detail":"bad request"}');
      });
      const { lines, logger } = capturingLogger();
      const chat = client(api.url, { logLevel: 'debug', logger }).chat;

      const errors = [
        await failure(() => chat.retrieve('ses-1')),
        await failure(() => chat.list().firstPage()),
        await failure(() => chat.stream('ses-1', params)),
      ];

      for (const error of errors) {
        expect(error).toBeInstanceOf(BadRequestError);
        expect(error).toMatchObject({ status: 400 });
        expect((error as Error).message).toMatch(/^400 Bad key \[redacted\] from /);
        expectNoKey(error);
      }
      for (const line of lines) expect(showsIn(line, KEY), line).toBe(false);
      expect(api.requests).toHaveLength(3);
    },
  );
});

describe('a key in a body that is not JSON', () => {
  it.each(
    ['text/plain', 'text/html'].flatMap((type) =>
      spellingsOf(KEY).map(([how, spelled]) => [type, how, spelled]),
    ),
  )('a %s body with the key spelled %s shows it in no error', async (type, _how, spelled) => {
    const body =
      type === 'text/html'
        ? `<html><body><h1>Bad gateway</h1><p>upstream said: key=${spelled}</p></body></html>`
        : `upstream said: key=${spelled} is not valid`;
    const api = await serve((request, res) => {
      // A 200 that is not the JSON asked for, and a 502: a MalformedResponseError and an APIError showing the text.
      res.writeHead(request.path.includes('ses-ok') ? 200 : 502, { 'content-type': type }).end(body);
    });
    const chat = client(api.url).chat;

    const malformed = await failure(() => chat.retrieve('ses-ok'));
    const failed = await failure(() => chat.retrieve('ses-1'));
    const notAStream = await failure(() => chat.stream('ses-ok', params));

    expect(malformed).toBeInstanceOf(MalformedResponseError);
    expect(failed).toBeInstanceOf(InternalServerError);
    expect(notAStream).toBeInstanceOf(MalformedResponseError);
    expect((failed as InternalServerError).message).toContain('key=[redacted]');
    for (const error of [malformed, failed, notAStream]) expectNoKey(error);
    expect(showsIn(String((failed as InternalServerError).body), KEY)).toBe(false);
  });
});

describe('a key in a header the message quotes', () => {
  it('an escaped key as the request id is scrubbed from the message and the headers', async () => {
    const api = await serve((_request, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'x-request-id': `req-${escapedAll(KEY)}` });
      res.end('{"detail":"boom"}');
    });

    const error = (await failure(() => client(api.url).chat.retrieve('ses-1'))) as InternalServerError;

    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.requestId).toBe('req-[redacted]');
    expect(error.message).toContain('request id req-[redacted]');
    expectNoKey(error);
    expect(showsIn(JSON.stringify([...error.headers]), KEY)).toBe(false);
  });
});
