// Prism, in-process: a mock of the spec, or a validating proxy in front of a real server. In-process means it
// lives and dies with this process: no child to orphan. This module only starts Prism; the page-token front
// and the composition of the two live in page-token-front.ts and start-mock.ts.
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { startEncodingGuard } from './encoding-guard.js';
import { once, type RunningServer } from './running-server.js';
import { SPEC_PATH } from './spec-path.js';

export interface PrismOptions {
  /** `mock` answers from the spec; `proxy` forwards to `upstream` and validates its responses. */
  mode: 'mock' | 'proxy';
  /** The real server, for `proxy`. */
  upstream?: string | undefined;
  /** @default SPEC_PATH */
  spec?: string | undefined;
}

/** Prism's reading of a spec: its operations, responses and examples. */
export type Operations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

/** Reads a spec as Prism does. A spec Prism cannot load rejects with Prism's own message. */
export async function loadOperations(spec: string = SPEC_PATH): Promise<Operations> {
  const operations = await getHttpOperationsFromSpec(spec);
  if (operations.length === 0) throw new Error(`No operations found in the current file (${spec}).`);
  return operations;
}

/**
 * Starts Prism 5 on 127.0.0.1 and a free port, behind a front that answers a malformed percent-encoding itself
 * (see encoding-guard.ts), and resolves once it answers. A spec Prism cannot load rejects with Prism's own message.
 */
export async function startPrism(options: PrismOptions): Promise<RunningServer> {
  return servePrism(await loadOperations(options.spec), options);
}

/** Starts Prism on operations already loaded (so a caller that also reads them loads the spec once). */
export async function servePrism(operations: Operations, options: PrismOptions): Promise<RunningServer> {
  const { mode, upstream } = options;
  const shared = {
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  let config: IHttpConfig;
  if (mode === 'proxy') {
    if (!upstream) throw new Error('Prism proxy mode needs an upstream URL.');
    config = { ...shared, isProxy: true, upstream: new URL(upstream) };
  } else {
    config = { ...shared, isProxy: false };
  }
  const server = createServer(operations, {
    cors: false,
    config,
    components: { logger: createLogger('mock', { level: 'silent' }) },
  });
  const address = new URL(await server.listen(0, '127.0.0.1'));
  let guard: RunningServer;
  try {
    guard = await startEncodingGuard(address.origin);
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: guard.url,
    port: guard.port,
    // The guard first, so nothing reaches Prism once closing has begun.
    close: once(() => guard.close().then(() => server.close())),
  };
}
