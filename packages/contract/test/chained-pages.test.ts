// The spec's chained example pages, walked by the client's paginator against the mock, which serves the
// example each page_token names.
import LlamaCloud from '@llamacloud-chat/client';
import { expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';
import { pageExamples } from './support/spec.js';

const baseUrl = inject('prismUrl');
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
