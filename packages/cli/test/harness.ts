// Running the CLI in tests: in-process through run() with in-memory streams, or as a process through its bin.
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clearLine, cursorTo, moveCursor } from 'node:readline';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { type Input, type Output, run } from '../src/run.js';

export const KEY = 'llx-cli-test-key-9f8e7d';
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = join(packageDir, '../..');
export const bin = join(packageDir, 'bin/llamacloud-chat.js');

/** The environment for a CLI talking to `url` with the test key. */
export const serverEnv = (url: string) => ({ LLAMA_CLOUD_BASE_URL: url, LLAMA_CLOUD_API_KEY: KEY });

export interface Captured {
  stream: Output;
  /** Everything written so far. */
  text(): string;
}

/**
 * An in-memory output stream. As a terminal (`columns` given) it has a TTY's `isTTY`, `columns` and cursor
 * methods, so the table and the spinner behave as on a real one.
 */
export function capture(terminal?: { columns: number }): Captured {
  let text = '';
  const stream: Output = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  if (terminal) {
    Object.assign(stream, {
      isTTY: true,
      columns: terminal.columns,
      rows: 40,
      cursorTo: (x: number) => cursorTo(stream, x),
      moveCursor: (dx: number, dy: number) => moveCursor(stream, dx, dy),
      clearLine: (dir: -1 | 0 | 1) => clearLine(stream, dir),
    });
  }
  return { stream, text: () => text };
}

/** An in-memory stdin that is a terminal: what the user types is given with `type`, Ctrl-D with `end`. */
export function terminalInput(): Input & { type(text: string): void; end(): void } {
  const input = new PassThrough();
  return Object.assign(input, { isTTY: true, type: (text: string) => void input.write(text) });
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  env?: Record<string, string>;
  stdout?: Captured;
  stderr?: Captured;
  /** Not a terminal and already at its end (as `< /dev/null`) unless given. */
  stdin?: Input;
  signal?: AbortSignal;
  /** The fetch the client sends with; the global one unless given. */
  fetch?: typeof globalThis.fetch;
}

/** Runs the CLI in this process with only the environment given and in-memory streams. */
export async function cli(args: string[], options: InProcessOptions = {}): Promise<Result> {
  const stdout = options.stdout ?? capture();
  const stderr = options.stderr ?? capture();
  const code = await run(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin: options.stdin ?? Readable.from([]),
    env: options.env ?? {},
    signal: options.signal,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * This process's environment less any LLAMA_CLOUD_* or LLAMACLOUD_CHAT_* of the machine, and less the settings of
 * the turbo run that started the tests (TURBO_*: in a forced run, TURBO_FORCE would make scripts/run-cli.mjs
 * rebuild the client and the mock while other packages' tests are reading them), plus `env`.
 */
export function processEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base = Object.entries(process.env).filter(
    ([name]) =>
      !name.startsWith('LLAMA_CLOUD_') && !name.startsWith('LLAMACLOUD_CHAT_') && !name.startsWith('TURBO_'),
  );
  return { ...Object.fromEntries(base), ...env };
}

/** Runs `file` with node to the end (killed after `timeoutMs`, 60 s unless given). */
export function runNode(
  file: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = repoDir,
  timeoutMs = 60_000,
): Promise<Result & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { env: processEnv(env), cwd, timeout: timeoutMs, maxBuffer: 64 * 2 ** 20 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          signal: error?.signal ?? null,
          stdout,
          stderr,
        }),
    );
  });
}

export interface Started {
  child: ChildProcessWithoutNullStreams;
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
  stderr(): string;
}

/** Starts the CLI's bin; it is killed when the test ends, whatever happens. */
export function startBin(args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, [bin, ...args], { env: processEnv(env) });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return { child, exited, stderr: () => stderr };
}

/** A fresh temporary directory, removed when the test ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'llamacloud-chat-cli-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Non-empty lines. */
export const lines = (text: string) => text.split('\n').filter(Boolean);

/** The session ids in NDJSON output, in order. */
export const ids = (ndjson: string) => lines(ndjson).map((line) => JSON.parse(line).session_id as string);
