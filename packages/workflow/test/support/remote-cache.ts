// A self-hosted turbo remote cache (turborepo-remote-cache: local-disk storage, a static token) in this test
// process, on 127.0.0.1. In-process, it lives and dies with the test run: there is no server process to leave
// behind when a test fails or the run is interrupted.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from 'turborepo-remote-cache';

const TOKEN = 'remote-cache-test-token';

export interface RemoteCache {
  /** The environment that points turbo at this cache. */
  env: Record<string, string>;
  /** The artifacts (task hashes) turbo uploaded, and those it downloaded, in order. */
  uploaded: string[];
  downloaded: string[];
  /** Stops the server and removes its storage. Safe to call twice. */
  close(): Promise<void>;
}

export async function startRemoteCache(): Promise<RemoteCache> {
  const storage = await mkdtemp(join(tmpdir(), 'turbo-remote-cache-'));
  const uploaded: string[] = [];
  const downloaded: string[] = [];
  const app = createApp({
    logger: false,
    configOverrides: {
      TURBO_TOKEN: TOKEN,
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: false,
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    const hash = /^\/v8\/artifacts\/([0-9a-f]+)/.exec(request.url)?.[1];
    if (!hash || reply.statusCode !== 200) return;
    if (request.method === 'PUT') uploaded.push(hash);
    if (request.method === 'GET') downloaded.push(hash);
  });
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= app.close().finally(() => rm(storage, { recursive: true, force: true }));
    return closed;
  };
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  return {
    env: { TURBO_API: `http://127.0.0.1:${port}`, TURBO_TOKEN: TOKEN, TURBO_TEAM: 'llamacloud-chat' },
    uploaded,
    downloaded,
    close,
  };
}
