// Starts the one Prism the suite talks to, in this (the main vitest) process, and stops it on teardown: Prism's
// mock behind the front that serves the example a page_token names (`startPrismMock`; the stateful mock users
// get from `startMock` is tested in packages/mock), or in live mode (CONTRACT_BASE_URL set) Prism's validating
// proxy in front of that server.

import { startPrism, startPrismMock } from '@llamacloud-chat/mock';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server the suite checks: Prism's mock, or in live mode the proxy in front of the real server. */
    baseUrl: string;
    /** Prism itself, with no front: it answers every page_token with the default example. */
    prismUrl: string;
    /** The real server in live mode; absent against the mock. */
    upstream: string | undefined;
  }
}

/** Fails the run at once, with a plain reason, when the server to check cannot be reached at all. */
async function reachable(upstream: string) {
  try {
    await fetch(upstream, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(
      `CONTRACT_BASE_URL ${upstream} cannot be reached (${reason}); check the URL and that the server is up.`,
    );
  }
}

export default async function setup(project: TestProject) {
  const upstream = process.env.CONTRACT_BASE_URL || undefined;
  if (upstream) await reachable(upstream);
  if (upstream) {
    const proxy = await startPrism({ mode: 'proxy', upstream });
    project.provide('baseUrl', proxy.url);
    project.provide('prismUrl', proxy.url);
    project.provide('upstream', upstream);
    return () => proxy.close();
  }
  // A streamed turn with no gap between events: the suite checks what is sent, not when.
  const mock = await startPrismMock({ streamGapMs: 0 });
  project.provide('baseUrl', mock.url);
  project.provide('prismUrl', mock.prism.url);
  project.provide('upstream', undefined);
  return () => mock.close();
}
