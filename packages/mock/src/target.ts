// Which server a tool talks to (the CLI, the MCP server), decided as the library decides it, plus the built-in
// mock: `--mock` always picks the mock; LLAMA_CLOUD_BASE_URL (with LLAMA_CLOUD_API_KEY) picks that server; a key
// alone picks the real API; neither picks the mock. Everything is read from the environment the tool was given,
// never from process.env, and passed to the client explicitly. A separate entry (`@llamacloud-chat/mock/target`)
// that loads the mock only when it is the one, since it takes a moment and memory a real server does not need.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Configuration the user must fix before anything can be sent: LLAMA_CLOUD_BASE_URL without a key. The message
 * names the environment variables, never their values.
 */
export class TargetConfigError extends Error {
  override name = 'TargetConfigError';
}

/** The real API, the library's default base URL. */
export const REAL_BASE_URL = 'https://api.cloud.llamaindex.ai';

/** Why a tool talks to where it does: it changes what the notice and the hints say. */
export type TargetSource =
  /** `--mock` */
  | 'mock-flag'
  /** Neither LLAMA_CLOUD_BASE_URL nor LLAMA_CLOUD_API_KEY is set. */
  | 'mock-default'
  /** LLAMA_CLOUD_BASE_URL */
  | 'base-url'
  /** LLAMA_CLOUD_API_KEY alone: the real API. */
  | 'api-key';

export interface Target {
  baseUrl: string;
  apiKey: string;
  /** True for the built-in mock. */
  mock: boolean;
  /**
   * The built-in mock only: whether `id` looks like one it makes, so a 404 for it is most likely a session an
   * earlier command created in its own mock, gone when that command ended.
   */
  madeByMock?: (id: string) => boolean;
  source: TargetSource;
  /** Stops the built-in mock, if one was started. */
  close(): Promise<void>;
}

/** A key for the mock, which checks only that one is sent. */
const PLACEHOLDER_KEY = 'llx-built-in-mock-placeholder';

/**
 * The copy of openapi/openapi.yaml that a packed, self-contained bin carries beside its one file; absent when it
 * runs from the workspace, where the mock finds the spec itself.
 */
const bundledSpec = fileURLToPath(new URL('./openapi.yaml', import.meta.url));

/** Where a run with `env` (and `--mock` or not) sends its requests, without starting anything. */
export function targetSource(
  env: Readonly<Record<string, string | undefined>>,
  mockFlag: boolean,
): TargetSource {
  if (mockFlag) return 'mock-flag';
  if (env.LLAMA_CLOUD_BASE_URL?.trim()) return 'base-url';
  if (env.LLAMA_CLOUD_API_KEY?.trim()) return 'api-key';
  return 'mock-default';
}

/**
 * Resolves the target, starting the built-in mock when it is the one. Throws a {@link TargetConfigError} when
 * LLAMA_CLOUD_BASE_URL is set without a key. `onStarting` is called before the mock starts (for a spinner).
 */
export async function resolveTarget(
  env: Readonly<Record<string, string | undefined>>,
  mockFlag = false,
  onStarting: () => void = () => {},
): Promise<Target> {
  const source = targetSource(env, mockFlag);
  const apiKey = env.LLAMA_CLOUD_API_KEY;
  if (source === 'base-url') {
    if (!apiKey?.trim()) {
      throw new TargetConfigError(
        `LLAMA_CLOUD_BASE_URL is set but LLAMA_CLOUD_API_KEY is ${apiKey === undefined ? 'not' : 'empty'}.\n` +
          'Set LLAMA_CLOUD_API_KEY to your LlamaCloud API key, or unset LLAMA_CLOUD_BASE_URL to use the built-in mock.',
      );
    }
    const baseUrl = (env.LLAMA_CLOUD_BASE_URL as string).trim();
    return { baseUrl, apiKey, mock: false, source, close: async () => {} };
  }
  if (source === 'api-key') {
    return { baseUrl: REAL_BASE_URL, apiKey: apiKey as string, mock: false, source, close: async () => {} };
  }
  onStarting();
  // Loaded only here: the mock takes a moment and some memory that a real server does not need.
  const { isMockSessionId } = await import('./session-store.js');
  const { startMock } = await import('./start-mock.js');
  const mock = await startMock(existsSync(bundledSpec) ? { spec: bundledSpec } : {});
  return {
    baseUrl: mock.url,
    apiKey: PLACEHOLDER_KEY,
    mock: true,
    madeByMock: isMockSessionId,
    source,
    close: () => mock.close(),
  };
}
