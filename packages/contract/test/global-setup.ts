// Starts the one Prism the suite talks to, in this (the main vitest) process, and stops it on teardown: a mock
// that serves the example a page_token names, or in live mode (CONTRACT_BASE_URL set) Prism's validating proxy
// in front of that server.

import { startPrism } from '@llamacloud-chat/mock';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
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
  const prism = await startPrism(
    upstream ? { mode: 'proxy', upstream } : { mode: 'mock', examplePerPageToken: true },
  );
  project.provide('prismUrl', prism.url);
  project.provide('upstream', upstream);
  return () => prism.close();
}
