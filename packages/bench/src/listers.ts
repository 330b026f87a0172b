// The ways of listing every session that the benchmarks compare. Each calls `onItem` once per session.
import LlamaCloud from '@llamacloud-chat/client';
import OfficialSDK from '@llamaindex/llama-cloud';

export type OnItem = (item: { session_id: string }) => void | Promise<void>;
export type Lister = (baseUrl: string, pageSize: number, onItem: OnItem) => Promise<void>;

const apiKey = 'llx-bench';

/** The floor: a hand-written fetch loop with no client at all. */
const bareFetch: Lister = async (baseUrl, pageSize, onItem) => {
  let token: string | null = null;
  do {
    const query: string = token === null ? '' : `&page_token=${encodeURIComponent(token)}`;
    const response = await fetch(`${baseUrl}/api/v1/chat?page_size=${pageSize}${query}`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    const page = (await response.json()) as {
      items: { session_id: string }[];
      next_page_token: string | null;
    };
    for (const item of page.items) await onItem(item);
    token = page.next_page_token || null;
  } while (token !== null);
};

function ours(prefetch: boolean): Lister {
  return async (baseUrl, pageSize, onItem) => {
    const client = new LlamaCloud({ apiKey, baseUrl });
    const listing = client.beta.chat.list(
      { page_size: pageSize },
      { prefetch, maxPages: Number.POSITIVE_INFINITY },
    );
    for await (const item of listing) await onItem(item);
  };
}

const officialSdk: Lister = async (baseUrl, pageSize, onItem) => {
  const client = new OfficialSDK({ apiKey, baseURL: baseUrl, maxRetries: 0 });
  for await (const item of client.beta.chat.list({ page_size: pageSize })) await onItem(item);
};

export const listers = {
  'bare fetch loop': bareFetch,
  'this client': ours(false),
  'this client, prefetch': ours(true),
  'official SDK': officialSdk,
} satisfies Record<string, Lister>;

export type ListerName = keyof typeof listers;
