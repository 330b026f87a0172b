// Valid requests for each chat operation, generated with fast-check and sent through client.beta.chat: Prism must
// accept every one (the documented success and no `sl-violations`), must see the session id as one path segment
// (a request that reached another path would be a problem+json 404, or another operation's answer), and the URL
// and body must carry exactly the values that were set. For the stream, this is its request side: Prism answers
// with an example whole, so its events are read elsewhere (chat-stream-responses, chat-stream-framings).
import LlamaCloud, { type ChatCreateParams, InvalidRequestError } from '@llamacloud-chat/client';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { createHarness, type Exchange } from '../src/harness.js';
import { describeViolation } from '../src/violations.js';
import { documentedResponses } from './support/spec.js';

const baseUrl = inject('prismUrl');
const apiKey = 'llx-contract-mock-key';
/** Runs per operation: enough to meet every kind of id many times, few enough for a loaded 2-core machine. */
const RUNS = 100;

/** Characters that mean something in a URL or are easy to get wrong, and non-ASCII of every width. */
const awkward = fc.constantFrom(
  '/',
  ' ',
  '?',
  '#',
  '%',
  '%2F',
  '%25',
  '&',
  '=',
  '+',
  ';',
  ':',
  '@',
  "'",
  '\\',
  '..',
  '.',
  '\u0000',
  '\t',
  '\n',
  'ü',
  '漢字',
  '🦙',
  'e\u0301',
);
/**
 * A session id: short unicode, short runs of awkward characters, or 500–1,000 characters (code points) of
 * either. Never '', '.' or '..', which no URL can carry as one segment (the client refuses them; see below),
 * and never a ',', which Prism 5 misreads in a path (see below).
 */
const sessionId = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 20 }),
    fc.string({ unit: 'binary', minLength: 500, maxLength: 1000 }),
    fc.string({
      unit: fc.oneof(awkward, fc.string({ unit: 'grapheme-ascii', maxLength: 1 })),
      minLength: 500,
      maxLength: 1000,
    }),
  )
  .map((id) => [...id].slice(0, 1000).join('').replaceAll(',', ';'))
  .filter((id) => id !== '' && id !== '.' && id !== '..');

/** What the generated ids held between them, so a generator that stops producing a kind of id fails. */
const FEATURES: Record<string, (id: string) => boolean> = {
  slash: (id) => id.includes('/'),
  space: (id) => id.includes(' '),
  'question mark': (id) => id.includes('?'),
  hash: (id) => id.includes('#'),
  percent: (id) => id.includes('%'),
  'non-ASCII': (id) => [...id].some((c) => (c.codePointAt(0) ?? 0) > 0x7f),
  'astral code point': (id) => /[\u{10000}-\u{10ffff}]/u.test(id),
  '500 characters or more': (id) => [...id].length >= 500,
};
/** What the generated prompts held between them. */
const PROMPT_KINDS: Record<string, (prompt: string) => boolean> = {
  'empty prompt': (prompt) => prompt === '',
  'prompt with a line break': (prompt) => /[\n\r\u2028]/.test(prompt),
  'prompt with non-ASCII': (prompt) => /[^\0-\x7f]/.test(prompt),
  'prompt of 2,000 characters or more': (prompt) => [...prompt].length >= 2_000,
};
const featuresOf = (ids: string[]) =>
  Object.keys(FEATURES).filter((name) => ids.some((id) => FEATURES[name]?.(id)));

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', 'a&b=c#d', '../%2F?x', 'ü ñ 漢字 🦙'),
);
/** The query every chat operation takes: each parameter absent, null or a string. */
const query = fc.record(
  { organization_id: fc.option(text, { nil: null }), project_id: fc.option(text, { nil: null }) },
  { requiredKeys: [] },
);

/** What the URL should carry: every set value; no null or undefined. */
const expectedQuery = (params: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(params)
      .filter(([name, value]) => name !== 'index_ids' && value !== null && value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );

/** The one exchange of a call, checked: the documented status and media type, and no violation. */
function onlyExchange(
  exchanges: Exchange[],
  status: number,
  contentType: string | null = status === 204 ? null : 'application/json',
): Exchange {
  expect(exchanges.map((e) => [e.status, e.contentType, e.violations.map(describeViolation)])).toEqual([
    [status, contentType, []],
  ]);
  return exchanges[0] as Exchange;
}

/** The path of `exchange` must be `/api/v1/chat/<id as one segment><suffix>`, and its query `params`. */
function expectTarget(exchange: Exchange, id: string, suffix: string, params: Record<string, unknown>) {
  const url = new URL(exchange.target, baseUrl);
  const prefix = '/api/v1/chat/';
  expect(url.pathname.startsWith(prefix) && url.pathname.endsWith(suffix)).toBe(true);
  const segment = url.pathname.slice(prefix.length, url.pathname.length - suffix.length);
  expect(segment).not.toMatch(/[/?#]/);
  expect(decodeURIComponent(segment)).toBe(id);
  expect(Object.fromEntries(url.searchParams)).toEqual(expectedQuery(params));
  expect(url.searchParams.size).toBe(Object.keys(expectedQuery(params)).length);
}

/**
 * Runs `call`. A request whose URL would pass the client's limit (8 KiB: a long id of wide characters, each
 * percent-encoded to up to 12 bytes) must be refused before sending, with an InvalidRequestError that says so;
 * any other must be sent. `outcomes` collects which happened, so a generator that stops making either fails.
 */
async function sentOrRefused<T>(
  harness: { exchanges: Exchange[] },
  outcomes: Set<string>,
  call: () => Promise<T>,
): Promise<{ sent: true; value: T } | { sent: false }> {
  try {
    const value = await call();
    outcomes.add('sent');
    return { sent: true, value };
  } catch (error) {
    if (!(error instanceof InvalidRequestError) || error.urlBytes === undefined) throw error;
    expect(error.urlBytes).toBeGreaterThan(error.maxUrlBytes ?? Number.POSITIVE_INFINITY);
    expect(harness.exchanges).toEqual([]);
    outcomes.add('refused before sending: URL too long');
    return { sent: false };
  }
}
const BOTH_OUTCOMES = ['refused before sending: URL too long', 'sent'];

const example = (path: string, method: string, status: number) =>
  documentedResponses(path, method).find((r) => r.status === status)?.value;

describe(`${RUNS} generated requests per operation, each accepted by Prism as sent`, () => {
  const newClient = () => {
    const harness = createHarness();
    return { harness, client: new LlamaCloud({ apiKey, baseUrl, fetch: harness.fetch, maxRetries: 0 }) };
  };

  it('create: with and without index_ids (null included), the body carries exactly what was set', async () => {
    const params: fc.Arbitrary<ChatCreateParams | null | undefined> = fc.oneof(
      fc.constantFrom(undefined, null),
      fc.record(
        {
          organization_id: fc.option(text, { nil: null }),
          project_id: fc.option(text, { nil: null }),
          index_ids: fc.option(fc.array(text, { maxLength: 5 }), { nil: null }),
        },
        { requiredKeys: [] },
      ),
    );
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(params, async (input) => {
        kinds.add(
          input == null
            ? `params ${input}`
            : !('index_ids' in input)
              ? 'no index_ids'
              : input.index_ids === null
                ? 'index_ids null'
                : 'index_ids list',
        );
        const { harness, client } = newClient();

        const session = await client.beta.chat.create(input);

        const exchange = onlyExchange(harness.exchanges, 200);
        expect(session).toEqual(example('/api/v1/chat', 'POST', 200));
        const url = new URL(exchange.target, baseUrl);
        expect(url.pathname).toBe('/api/v1/chat');
        expect(Object.fromEntries(url.searchParams)).toEqual(expectedQuery(input ?? {}));
        expect(JSON.parse(exchange.requestBody)).toEqual(
          input && 'index_ids' in input ? { index_ids: input.index_ids } : {},
        );
      }),
      { numRuns: RUNS },
    );
    expect([...kinds].sort()).toEqual([
      'index_ids list',
      'index_ids null',
      'no index_ids',
      'params null',
      'params undefined',
    ]);
  });

  it('retrieve: any id, any query; Prism answers as retrieve, with the session and its events', async () => {
    const ids: string[] = [];
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(sessionId, query, async (id, params) => {
        ids.push(id);
        const { harness, client } = newClient();

        const result = await sentOrRefused(harness, outcomes, () => client.beta.chat.retrieve(id, params));
        if (!result.sent) return;

        expectTarget(onlyExchange(harness.exchanges, 200), id, '', params);
        expect(result.value).toEqual(example('/api/v1/chat/{session_id}', 'GET', 200));
      }),
      { numRuns: RUNS },
    );
    expect([...outcomes].sort()).toEqual(BOTH_OUTCOMES);
    expect(Math.max(...ids.map((id) => [...id].length))).toBeLessThanOrEqual(1000);
    expect(featuresOf(ids)).toEqual(Object.keys(FEATURES));
  });

  it('getSummary: any id, any query; Prism answers as getSummary, with no events', async () => {
    const ids: string[] = [];
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(sessionId, query, async (id, params) => {
        ids.push(id);
        const { harness, client } = newClient();

        const result = await sentOrRefused(harness, outcomes, () => client.beta.chat.getSummary(id, params));
        if (!result.sent) return;

        expectTarget(onlyExchange(harness.exchanges, 200), id, '/summary', params);
        expect(result.value).toEqual(example('/api/v1/chat/{session_id}/summary', 'GET', 200));
      }),
      { numRuns: RUNS },
    );
    expect([...outcomes].sort()).toEqual(BOTH_OUTCOMES);
    expect(featuresOf(ids)).toEqual(Object.keys(FEATURES));
  });

  it('delete: any id, any query; a 204 and undefined', async () => {
    const ids: string[] = [];
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(sessionId, query, async (id, params) => {
        ids.push(id);
        const { harness, client } = newClient();

        const result = await sentOrRefused(harness, outcomes, async () =>
          client.beta.chat.delete(id, params).withResponse(),
        );
        if (!result.sent) return;

        expectTarget(onlyExchange(harness.exchanges, 204), id, '', params);
        expect(harness.exchanges[0]?.method).toBe('DELETE');
        expect([result.value.data, result.value.response.status]).toEqual([undefined, 204]);
      }),
      { numRuns: RUNS },
    );
    expect([...outcomes].sort()).toEqual(BOTH_OUTCOMES);
    expect(featuresOf(ids)).toEqual(Object.keys(FEATURES));
  });

  it('stream: any id, any prompt, any index_ids (empty included), any query; a 200 text/event-stream, the body exactly { prompt, index_ids }', async () => {
    const prompt = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({
        unit: fc.oneof(awkward, fc.constantFrom('\r\n', '\r', '\u2028', '"', '{}', 'data: x\n\n')),
        maxLength: 40,
      }),
      fc.string({ unit: 'binary', minLength: 2_000, maxLength: 10_000 }),
      fc.constantFrom('', 'Say hello.', 'line one\nline two\r\nline three'),
    );
    const params = fc.record(
      {
        prompt,
        index_ids: fc.array(text, { maxLength: 5 }),
        organization_id: fc.option(text, { nil: null }),
        project_id: fc.option(text, { nil: null }),
      },
      { requiredKeys: ['prompt', 'index_ids'] },
    );
    const ids: string[] = [];
    const outcomes = new Set<string>();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(sessionId, params, async (id, input) => {
        ids.push(id);
        for (const [kind, holds] of Object.entries(PROMPT_KINDS)) if (holds(input.prompt)) seen.add(kind);
        seen.add(input.index_ids.length ? 'index_ids listed' : 'index_ids empty');
        if (Object.values(input).includes(null)) seen.add('a null query value');
        const { harness, client } = newClient();

        const result = await sentOrRefused(harness, outcomes, () => client.beta.chat.stream(id, input));
        if (!result.sent) return;
        result.value.abort();

        const exchange = onlyExchange(harness.exchanges, 200, 'text/event-stream');
        expect(exchange.method).toBe('POST');
        const { prompt: _, index_ids, ...query } = input;
        expectTarget(exchange, id, '/messages/stream', query);
        const body = JSON.parse(exchange.requestBody);
        expect(Object.keys(body).sort()).toEqual(['index_ids', 'prompt']);
        expect(body).toEqual({ prompt: input.prompt, index_ids });
      }),
      { numRuns: RUNS },
    );
    expect(featuresOf(ids)).toEqual(Object.keys(FEATURES));
    expect([...seen].sort()).toEqual(
      [...Object.keys(PROMPT_KINDS), 'index_ids listed', 'index_ids empty', 'a null query value'].sort(),
    );
    expect([...outcomes].sort()).toEqual(BOTH_OUTCOMES);
  });
});

it("ids no URL can carry as one segment ('', '.', '..') are refused before sending", async () => {
  for (const id of ['', '.', '..']) {
    const harness = createHarness();
    const client = new LlamaCloud({ apiKey, baseUrl, fetch: harness.fetch });
    // Called as `await` calls them: delete() throws this error synchronously where the others reject.
    for (const call of [
      async () => client.beta.chat.retrieve(id),
      async () => client.beta.chat.getSummary(id),
      async () => client.beta.chat.delete(id),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(InvalidRequestError);
    }
    expect(harness.exchanges).toEqual([]);
  }
});

// Known, left out of the generator above: the client sends ',' as is (RFC 3986 allows it in a segment, and the
// official SDK does the same), and Prism 5 splits a `simple`-style path value on commas even when the schema is
// a string, so it calls the id an array. A real server reads `a,b` as one id. When the client percent-encodes
// ',' (or Prism stops splitting), this test fails: then let the generator above produce commas.
it('Prism 5 misreads a session id holding a comma as an array', async () => {
  const harness = createHarness();
  const client = new LlamaCloud({ apiKey, baseUrl, fetch: harness.fetch, maxRetries: 0 });

  await client.beta.chat.retrieve('ses,1').catch(() => undefined);

  expect(harness.exchanges.map((e) => [e.target, e.violations.map(describeViolation)])).toEqual([
    ['/api/v1/chat/ses,1', ['request path.session_id must be string']],
  ]);
});
