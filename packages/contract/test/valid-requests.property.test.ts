// Hundreds of valid parameter sets, generated with fast-check and sent through the client: Prism must accept
// every request (a 200 and no `sl-violations`), and the URL must carry exactly the values that were set.
import LlamaCloud, { type ChatListParams } from '@llamacloud-chat/client';
import fc from 'fast-check';
import { expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';

// Prism itself, not the built-in mock's front, which refuses page_tokens it has no page for.
const baseUrl = inject('prismUrl');

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 500, maxLength: 2000 }),
  fc.constantFrom('', ' ', 'a&b=c#d', '../%2F?x', 'ü ñ 漢字 🦙', '\u0000\u001f'),
);
const pageSize = fc.oneof(
  fc.constantFrom(0, 1, -1, 100, 2 ** 31 - 1, -(2 ** 31), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
  fc.integer(),
);
const params: fc.Arbitrary<ChatListParams> = fc.record(
  {
    organization_id: fc.option(text, { nil: null }),
    page_size: fc.option(pageSize, { nil: null }),
    page_token: fc.option(text, { nil: null }),
    project_id: fc.option(text, { nil: null }),
  },
  { requiredKeys: [] },
);

/** What the URL should carry: every set value, as a string; no null or undefined, and no empty page_token. */
function expectedQuery(query: ChatListParams): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(
        ([name, value]) => value !== null && value !== undefined && !(name === 'page_token' && value === ''),
      )
      .map(([name, value]) => [name, String(value)]),
  );
}

it('Prism accepts every request the client sends for valid parameters', async () => {
  await fc.assert(
    fc.asyncProperty(params, async (query) => {
      const harness = createHarness();
      const client = new LlamaCloud({ apiKey: 'llx-contract-mock-key', baseUrl, fetch: harness.fetch });

      const page = await client.beta.chat.list(query).firstPage();

      expect(harness.exchanges).toHaveLength(1);
      const [exchange] = harness.exchanges;
      expect(exchange?.violations).toEqual([]);
      expect(exchange?.status).toBe(200);
      const sent = new URL(exchange?.target ?? '', baseUrl).searchParams;
      expect(Object.fromEntries(sent)).toEqual(expectedQuery(query));
      expect(Array.isArray(page.items)).toBe(true);
    }),
    { numRuns: 300 },
  );
});
