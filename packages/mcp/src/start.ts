// Starting the MCP server: where requests go (as the CLI decides: the real API with LLAMA_CLOUD_API_KEY,
// LLAMA_CLOUD_BASE_URL when set, the built-in mock with neither), a client for it, and the transport: stdio, or
// Streamable HTTP on 127.0.0.1 behind a bearer token (the one given, else the key, else one made at start).
import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import LlamaCloud from '@llamacloud-chat/client';
import { resolveTarget, type Target } from '@llamacloud-chat/mock/target';
import {
  type Clock,
  DEFAULT_MAX_SESSIONS,
  DEFAULT_SESSION_IDLE_TIMEOUT_S,
  startHttp,
} from './http-server.js';
import { createMcpServer } from './server.js';
import { LineTransport } from './stdio.js';

export interface StartOptions {
  transport: 'stdio' | 'http';
  port?: number | undefined;
  /** The bearer token HTTP clients must send. @default LLAMA_CLOUD_API_KEY, else one made at start */
  token?: string | undefined;
  mock?: boolean | undefined;
  /** HTTP: how many sessions may be open at once. @default DEFAULT_MAX_SESSIONS (100) */
  maxSessions?: number | undefined;
  /** HTTP: how long, in seconds, a session may be idle before it is closed. @default 600 */
  sessionIdleTimeout?: number | undefined;
  /** HTTP: the clock the idle timeout is measured on. @default systemClock */
  clock?: Clock | undefined;
  /** stdio: the longest line read, in bytes. @default DEFAULT_MAX_LINE_BYTES (10 MiB) */
  maxLineBytes?: number | undefined;
  env: Readonly<Record<string, string | undefined>>;
  stdin: Readable;
  stdout: Writable;
  /** Where notices go: never stdout, which carries the protocol on stdio. */
  log(line: string): void;
}

export interface RunningMcp {
  /** The HTTP endpoint; undefined on stdio. */
  url?: string | undefined;
  /** HTTP: how many sessions are open; undefined on stdio. */
  sessionCount?: (() => number) | undefined;
  close(): Promise<void>;
}

const MOCK_NOTE =
  'Requests go to a built-in mock of the LlamaCloud chat API, because neither LLAMA_CLOUD_API_KEY nor ' +
  'LLAMA_CLOUD_BASE_URL is set: its sessions are examples and are gone when the server stops.';

function instructionsFor(target: Target): string {
  const about =
    'Tools for LlamaCloud chat sessions: list them (chat_list, page by page with page_token), create one, read ' +
    'one and its history (chat_retrieve) or its summary, delete one, and send a prompt to one (chat_stream), ' +
    'whose answer streams as progress notifications.';
  return target.mock ? `${about} ${MOCK_NOTE}` : about;
}

export async function startMcp(options: StartOptions): Promise<RunningMcp> {
  const target = await resolveTarget(options.env, options.mock === true);
  if (target.mock) options.log(`${MOCK_NOTE} (${target.baseUrl})`);
  const client = new LlamaCloud({ apiKey: target.apiKey, baseURL: target.baseUrl, logLevel: 'off' });
  const instructions = instructionsFor(target);
  try {
    if (options.transport === 'stdio') {
      const server = createMcpServer({ client, instructions });
      await server.connect(new LineTransport(options.stdin, options.stdout, options.maxLineBytes));
      return {
        close: async () => {
          await server.close();
          await target.close();
        },
      };
    }
    const given = options.token ?? (target.mock ? undefined : target.apiKey);
    const token = given ?? randomBytes(24).toString('base64url');
    const http = await startHttp({
      client,
      instructions,
      port: options.port ?? 0,
      token,
      maxSessions: options.maxSessions,
      sessionIdleTimeout: options.sessionIdleTimeout,
      clock: options.clock,
    });
    options.log(`MCP server (Streamable HTTP) on ${http.url}`);
    options.log(
      `Sessions: at most ${options.maxSessions ?? DEFAULT_MAX_SESSIONS} at once; one idle for ${options.sessionIdleTimeout ?? DEFAULT_SESSION_IDLE_TIMEOUT_S} s is closed.`,
    );
    if (given === undefined) options.log(`Bearer token for this run: ${token}`);
    else if (options.token === undefined)
      options.log('Clients authenticate with LLAMA_CLOUD_API_KEY as the bearer token.');
    return {
      url: http.url,
      sessionCount: http.sessionCount,
      close: async () => {
        await http.close();
        await target.close();
      },
    };
  } catch (error) {
    await target.close();
    throw error;
  }
}
