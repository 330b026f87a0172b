// Prism, in-process: a mock of the spec, or a validating proxy in front of a real server. In-process means it
// lives and dies with this process: no child to orphan, nothing to kill on SIGINT.
import { createRequire } from 'node:module';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { examplePerPageToken } from './example-per-page-token.js';

/** The workspace spec, resolved through its package like any other dependency. */
export const SPEC_PATH = createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml');

export interface PrismOptions {
  /** `mock` answers from the spec; `proxy` forwards to `upstream` and validates its responses. */
  mode: 'mock' | 'proxy';
  /** The real server, for `proxy`. */
  upstream?: string | undefined;
  /** @default SPEC_PATH */
  spec?: string | undefined;
  /**
   * Mock only: answer a request whose `page_token` names one of the spec's examples with that example, so
   * examples that link to each other through `next_page_token` play out as a real paginated listing.
   */
  examplePerPageToken?: boolean | undefined;
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
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  const { mode, upstream, spec = SPEC_PATH } = options;
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
  const prism: RunningPrism = {
    url: new URL(address).origin,
    port: Number(new URL(address).port),
    close: once(() => server.close()),
  };
  if (!options.examplePerPageToken || mode !== 'mock') return prism;
  const names = new Set(
    operations.flatMap((operation) =>
      operation.responses.flatMap((response) =>
        (response.contents ?? []).flatMap((content) =>
          (content.examples ?? []).map((example) => example.key),
        ),
      ),
    ),
  );
  try {
    return await examplePerPageToken(prism, names);
  } catch (error) {
    await prism.close();
    throw error;
  }
}

/** `fn`, run once; later calls get the first call's promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= fn();
    return done;
  };
}
