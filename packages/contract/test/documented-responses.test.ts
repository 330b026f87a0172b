// Every response the spec documents, fetched from the Prism mock through the generated client and decoded to
// exactly the spec's example.
import LlamaCloud, {
  AuthenticationError,
  createClient,
  InvalidRequestError,
  type paths,
} from '@llamacloud-chat/client';
import createFetchClient from 'openapi-fetch';
import { describe, expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';
import { describeViolation } from '../src/violations.js';
import { errorExample, pageExamples } from './support/spec.js';

const baseUrl = inject('baseUrl');
const apiKey = 'llx-contract-mock-key';

describe('each named 200 example', () => {
  it('there are at least the docs example and three chained pages', () => {
    expect(pageExamples.map(([name]) => name)).toEqual([
      'chain-page-1',
      'chain-page-2',
      'chain-page-3',
      'docs-page',
    ]);
  });

  it.each(pageExamples)('%s decodes to the example', async (name, value) => {
    const harness = createHarness({ prefer: `example=${name}` });
    const client = createClient({ apiKey, baseUrl, fetch: harness.fetch });

    const { data, error, response } = await client.GET('/api/v1/chat');

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(value);
    expect(harness.exchanges.flatMap((e) => e.violations)).toEqual([]);
  });
});

describe('the 401', () => {
  it.each([
    ['no Authorization header', null],
    ['a Basic instead of a Bearer scheme', 'Basic bGxhbWE6Y2xvdWQ='],
  ])(
    'with %s decodes to the example, and Prism names the security violation',
    async (_label, authorization) => {
      const harness = createHarness();
      // Our client always sends its key as a Bearer token, so these requests go through a bare openapi-fetch
      // client over the same generated types, as a caller with a missing or wrong scheme would send them.
      const client = createFetchClient<paths>({
        baseUrl,
        fetch: harness.fetch,
        headers: authorization ? { Authorization: authorization } : {},
      });

      const { data, error, response } = await client.GET('/api/v1/chat');

      expect(data).toBeUndefined();
      expect(response.status).toBe(401);
      expect(error).toEqual(errorExample('401'));
      expect(harness.exchanges.flatMap((e) => e.violations.map(describeViolation))).toEqual([
        'request: Invalid security scheme used',
      ]);
    },
  );

  it('surfaces through list() as an AuthenticationError with the server detail', async () => {
    const harness = createHarness({ prefer: 'code=401' });
    const client = new LlamaCloud({ apiKey, baseUrl, fetch: harness.fetch });

    const error = await client.beta.chat
      .list()
      .firstPage()
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe('401 Unauthorized from GET /api/v1/chat: Invalid API key');
  });
});

describe('the 422, for each invalid form of page_size', () => {
  const forms = ['abc', '1.5', 'true', 'NaN', '12abc', '-'];

  // Our client refuses these before sending (below), so the 422 is fetched with a bare openapi-fetch client
  // over the same generated types, as a caller without our checks would.
  it.each(forms)('page_size=%j decodes to the example, and Prism names the field', async (pageSize) => {
    const harness = createHarness();
    const client = createFetchClient<paths>({
      baseUrl,
      fetch: harness.fetch,
      headers: { Authorization: `Bearer ${apiKey}` },
    });

    // The types forbid these values; a caller in plain JavaScript can still pass them.
    const { error, response } = await client.GET('/api/v1/chat', {
      params: { query: { page_size: pageSize as never } },
    });

    expect(response.status).toBe(422);
    expect(error).toEqual(errorExample('422'));
    expect(harness.exchanges.flatMap((e) => e.violations.map(describeViolation))).toEqual([
      'request query.page_size must be integer or null',
    ]);
  });

  it.each(forms)(
    'page_size=%j is refused by our client before sending, with a clear error',
    async (pageSize) => {
      const harness = createHarness();
      const client = new LlamaCloud({ apiKey, baseUrl, fetch: harness.fetch });

      const error = await client.beta.chat
        .list({ page_size: pageSize as never })
        .firstPage()
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as Error).message).toBe(
        `Query parameter page_size of GET /api/v1/chat must be integer or null, got ${JSON.stringify(pageSize)}. Nothing was sent.`,
      );
      expect(harness.exchanges).toEqual([]);
    },
  );
});
