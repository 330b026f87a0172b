// The llamacloud-chat-mcp process: its flags, the server, and a clean stop on Ctrl-C, SIGTERM or the end of
// stdin (on stdio, the client going away). Notices go to stderr; on stdio, stdout carries only the protocol.
import { TargetConfigError } from '@llamacloud-chat/mock/target';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_SESSIONS, DEFAULT_SESSION_IDLE_TIMEOUT_S } from './http-server.js';
import { startMcp } from './start.js';
import { VERSION } from './version.js';

const log = (line: string) => void process.stderr.write(`${line}\n`);

const port = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
};

const wholeNumber = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n))
    throw new InvalidArgumentError('a whole number, at least 1');
  return n;
};

const seconds = (value: string) => {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > 2_000_000)
    throw new InvalidArgumentError('a number of seconds above 0 (at most 2000000)');
  return n;
};

const program = new Command('llamacloud-chat-mcp')
  .description(
    'An MCP server with a tool for every operation of the LlamaCloud chat API. Requests go to ' +
      'LLAMA_CLOUD_BASE_URL if set, else to the real API when LLAMA_CLOUD_API_KEY is set, else (or with --mock) ' +
      'to a built-in mock of the API.',
  )
  .version(VERSION, '-V, --version')
  .addOption(
    new Option('--transport <transport>', 'stdio, or Streamable HTTP on 127.0.0.1')
      .choices(['stdio', 'http'])
      .default('stdio'),
  )
  .option('--port <n>', 'the HTTP port (0: a free one, named on stderr)', port, 0)
  .option(
    '--token <token>',
    'the bearer token HTTP clients must send (default: LLAMA_CLOUD_API_KEY, else one made at start)',
  )
  .option(
    '--max-sessions <n>',
    'HTTP: sessions open at once; a new one beyond closes the least recently used idle one, or is a 503 while all are busy',
    wholeNumber,
    DEFAULT_MAX_SESSIONS,
  )
  .option(
    '--session-idle-timeout <s>',
    'HTTP: seconds a session may go without a request before it is closed (a request for it is then a 404)',
    seconds,
    DEFAULT_SESSION_IDLE_TIMEOUT_S,
  )
  .option('--mock', 'use the built-in mock of the API, whatever the environment says')
  .showHelpAfterError();
program.parse();
const options = program.opts<{
  transport: 'stdio' | 'http';
  port: number;
  token?: string;
  mock?: boolean;
  maxSessions: number;
  sessionIdleTimeout: number;
}>();

try {
  const running = await startMcp({
    ...options,
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    log,
  });
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    if (options.transport === 'http') log(`Stopped the MCP server (${why}).`);
    await running.close();
    process.exit(0);
  };
  // `on`, not `once`: with no listener left, a second signal would kill the process instead.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (options.transport === 'stdio') process.stdin.once('end', () => void stop('stdin closed'));
} catch (error) {
  log(`error: ${(error as Error).message}`);
  process.exit(error instanceof TargetConfigError ? 2 : 1);
}
