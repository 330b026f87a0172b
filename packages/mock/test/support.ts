// Helpers for the mock's tests. Everything they start or create is stopped or removed when the test finishes,
// passed or failed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LlamaCloud } from '@llamacloud-chat/client';
import { onTestFinished } from 'vitest';
import { type MockOptions, type RunningMock, startMock } from '../src/index.js';

export { listening } from '@llamacloud-chat/test-support';

/** The event types of the spec's `turn` example, in order: what a scripted turn (and Prism's example) streams. */
export const TURN_EVENT_TYPES = [
  'user_input',
  'thinking_delta',
  'thinking',
  'tool_call',
  'tool_result',
  'text_delta',
  'text_delta',
  'text',
  'stop',
];

/**
 * How long `vi.waitFor` gives the mock to finish what the client already saw end (a log line, a stream's end):
 * vitest's 1 s default is short on a busy machine; a wait whose condition never holds still fails.
 */
export const SETTLE = { timeout: 30_000 };

/** Any key will do for the mock; the client only wants one that looks whole. */
export const API_KEY = 'llx-mock-test-key-0123456789abcdef';

/** A mock for this test, closed when the test ends, passed or failed. */
export async function mockFor(options: MockOptions = {}): Promise<RunningMock> {
  const mock = await startMock({ streamGapMs: 0, ...options });
  onTestFinished(() => mock.close());
  return mock;
}

/** The real client, pointed at a mock, with no retries (a test sees each answer as the mock gave it). */
export function clientFor(
  mock: RunningMock,
  options: { defaultHeaders?: Record<string, string> } = {},
): LlamaCloud {
  return new LlamaCloud({ apiKey: API_KEY, baseURL: mock.url, maxRetries: 0, ...options });
}

/** A fresh folder in the system temp folder, removed with its contents when the test finishes. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'llamacloud-chat-mock-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `promise`, or a rejection naming `what` after `ms`: a generous bound, so a hang fails with a reason. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const SERVE = join(dirname(fileURLToPath(import.meta.url)), '../dist/mock-server.js');

export interface StandaloneRun {
  proc: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** How the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The URL it printed once listening; rejects if it exits first. */
  url: Promise<string>;
}

/** Runs the standalone mock (the built `dist/mock-server.js`, as `pnpm mock` does); killed when the test finishes. */
export function runStandalone(args: string[]): StandaloneRun {
  const proc = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('close', (code, signal) => resolve({ code, signal })),
  );
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    };
    proc.stdout?.on('data', check);
    void exited.then(({ code, signal }) =>
      reject(new Error(`the mock exited (${signal ?? code}) before listening:\n${stdout}${stderr}`)),
    );
  });
  url.catch(() => {});
  return { proc, stdout: () => stdout, stderr: () => stderr, exited, url };
}
