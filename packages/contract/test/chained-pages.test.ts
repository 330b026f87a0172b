// The spec's chained example pages, walked by the client's paginator against the built-in mock, which serves
// the example each page_token names and refuses, with a 422 the client surfaces, a token it has no page for.
import LlamaCloud, { UnprocessableEntityError } from '@llamacloud-chat/client';
import { expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';
import { pageExamples } from './support/spec.js';

const baseUrl = inject('baseUrl');
const chain = pageExamples.filter(([name]) => name.startsWith('chain-page-'));
const chainIds = chain.flatMap(([, page]) =>
  (page as { items: { session_id: string }[] }).items.map((s) => s.session_id),
);

it('walks every chained page once, seeing each session once, and ends at the null token', async () => {
  const harness = createHarness();
  const client = new LlamaCloud({ apiKey: 'llx-contract-mock-key', baseUrl, fetch: harness.fetch });

  const pages = [];
  for await (const page of client.beta.chat.list({ page_size: 2, project_id: 'proj-1' }).pages())
    pages.push(page);

  expect(chain.length).toBeGreaterThanOrEqual(3);
  expect(pages.flatMap((p) => p.items.map((s) => s.session_id))).toEqual(chainIds);
  expect(new Set(chainIds).size).toBe(chainIds.length);
  expect(pages.map((p) => p.next_page_token)).toEqual(['chain-page-2', 'chain-page-3', null]);
  expect(harness.exchanges.map((e) => [e.target, e.status, e.violations])).toEqual([
    ['/api/v1/chat?page_size=2&project_id=proj-1', 200, []],
    ['/api/v1/chat?page_size=2&project_id=proj-1&page_token=chain-page-2', 200, []],
    ['/api/v1/chat?page_size=2&project_id=proj-1&page_token=chain-page-3', 200, []],
  ]);
});

it('a page_token the mock has no page for fails at once with a 422 that names it and what the mock serves', async () => {
  const harness = createHarness();
  const client = new LlamaCloud({ apiKey: 'llx-contract-mock-key', baseUrl, fetch: harness.fetch });

  const error = await client.beta.chat
    .list({ page_token: 'cur-200' })
    .collect()
    .catch((e: unknown) => e);

  expect(error).toBeInstanceOf(UnprocessableEntityError);
  expect((error as Error).message).toBe(
    '422 Unprocessable Entity from GET /api/v1/chat: query.page_token: no page for page_token "cur-200"; ' +
      `this mock serves page_token ${pageExamples.map(([name]) => name).join(', ')}, or none for the first page`,
  );
  expect((error as UnprocessableEntityError).cursor).toBe('cur-200');
  // One request: a 422 is not retried, and no page 1 was served in its place.
  expect(harness.exchanges.map((e) => [e.target, e.status])).toEqual([
    ['/api/v1/chat?page_token=cur-200', 422],
  ]);
});
