// The built-in mock serves the example a page_token names, and says so, in the spec's 422 shape, when it has
// no page for a token (instead of serving page 1 again, which sends a paginating client round in circles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPrismMock, type RunningServer, startPrism, startPrismMock } from '../src/index.js';

const auth = { authorization: 'Bearer k' };
let mock: RunningPrismMock;
let validator: RunningServer;

beforeAll(async () => {
  mock = await startPrismMock();
  // Prism's validating proxy in front of the mock: it checks every answer of the mock against the spec.
  validator = await startPrism({ mode: 'proxy', upstream: mock.url });
});
afterAll(async () => {
  await validator?.close();
  await mock?.close();
});

async function get(base: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/v1/chat${query}`, { headers: { ...auth, ...headers } });
  return {
    status: response.status,
    violations: response.headers.get('sl-violations'),
    body: (await response.json()) as { next_page_token?: string | null; detail?: unknown },
  };
}

describe('page_token', () => {
  it('plays the chained example pages: no token, then each next_page_token, to the null token', async () => {
    const tokens = [];
    let query = '';
    for (let page = 0; page < 5; page++) {
      const { status, body } = await get(mock.url, query);
      expect(status).toBe(200);
      tokens.push(body.next_page_token);
      if (!body.next_page_token) break;
      query = `?page_size=2&page_token=${body.next_page_token}`;
    }
    expect(tokens).toEqual(['chain-page-2', 'chain-page-3', null]);
    expect(mock.pageTokens).toEqual(['chain-page-1', 'chain-page-2', 'chain-page-3', 'docs-page']);
  });

  it('an empty page_token is no token: the first page', async () => {
    expect((await get(mock.url, '?page_token=')).body.next_page_token).toBe('chain-page-2');
  });

  it('a token it has no page for gets a 422 naming the token and every token it serves', async () => {
    const { status, body } = await get(mock.url, '?page_token=cur-200');

    expect(status).toBe(422);
    expect(body).toEqual({
      detail: [
        {
          loc: ['query', 'page_token'],
          msg: 'no page for page_token "cur-200"; this mock serves page_token chain-page-1, chain-page-2, chain-page-3, docs-page, or none for the first page',
          type: 'unknown_page_token',
          input: 'cur-200',
        },
      ],
    });
  });

  it('the 422 keeps the spec: Prism’s validating proxy finds nothing wrong with it', async () => {
    const { status, violations, body } = await get(validator.url, '?page_token=not-a-page');

    expect(status).toBe(422);
    expect(violations).toBeNull();
    expect(body.detail).toMatchObject([{ input: 'not-a-page' }]);
  });

  it('shortens a long token in the message and keeps it whole in input', async () => {
    const token = 'x'.repeat(500);
    const { body } = await get(mock.url, `?page_token=${token}`);

    const [entry] = body.detail as { msg: string; input: string }[];
    expect(entry?.input).toBe(token);
    expect(entry?.msg).toContain(`"${'x'.repeat(60)}…"`);
    expect(entry?.msg.length).toBeLessThan(200);
  });

  it('a request with its own Prefer header reaches Prism untouched, whatever its token', async () => {
    const { status, body } = await get(mock.url, '?page_token=cur-200', { prefer: 'example=chain-page-3' });

    expect(status).toBe(200);
    expect(body.next_page_token).toBeNull();
  });
});
