// Prism, in-process: a mock of the spec, or a validating proxy in front of a real server. In-process means it
// lives and dies with this process: no child to orphan, nothing to kill on SIGINT.
import { createRequire } from 'node:module';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';

/** The workspace spec, resolved through its package like any other dependency. */
export const SPEC_PATH = createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml');

export interface PrismOptions {
  /** `mock` answers from the spec; `proxy` forwards to `upstream` and validates its responses. */
  mode: 'mock' | 'proxy';
  /** The real server, for `proxy`. */
  upstream?: string | undefined;
  /** @default SPEC_PATH */
  spec?: string | undefined;
}

export interface RunningPrism {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops listening and closes every connection. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts Prism 5 on 127.0.0.1 and a free port, and resolves once it answers. A spec Prism cannot load rejects
 * with Prism's own message.
 */
export async function startPrism({ mode, upstream, spec = SPEC_PATH }: PrismOptions): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(spec);
  if (operations.length === 0) throw new Error(`No operations found in the current file (${spec}).`);
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
    components: { logger: createLogger('contract', { level: 'silent' }) },
  });
  const address = await server.listen(0, '127.0.0.1');
  const url = new URL(address);
  let closing: Promise<void> | undefined;
  return {
    url: url.origin,
    port: Number(url.port),
    close: () => {
      closing ??= server.close();
      return closing;
    },
  };
}
