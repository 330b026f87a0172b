// The process around the CLI: its arguments, streams and environment, Ctrl-C and SIGTERM, a reader that goes
// away, and the exit code.
import { ExitCode } from './io.js';
import { run } from './run.js';
import { fitColumns } from './terminal-width.js';

const controller = new AbortController();
/** Set once stdout's or stderr's reader has gone away (EPIPE): nothing more can be said, and that is not a failure. */
let readerGone = false;
/** The signal that stopped the command, if one did. */
let stoppedBy: NodeJS.Signals | undefined;

/**
 * A second signal does not wait for the cleanup. The listeners stay for good: removing the last one (as a `once`
 * does) restores the default action for a moment, and a signal in that moment would kill the process instead.
 */
const received = new Set<NodeJS.Signals>();
function stop(signal: NodeJS.Signals, code: number) {
  if (received.has(signal)) process.exit(code);
  received.add(signal);
  stoppedBy ??= signal;
  controller.abort();
}
process.on('SIGINT', () => stop('SIGINT', ExitCode.interrupted));
process.on('SIGTERM', () => stop('SIGTERM', ExitCode.terminated));

// A closed pipe (`llamacloud-chat --help | head -0`) is an answer, not a crash: whatever was writing (help, the
// version, a usage error, a listing) stops, the command is cancelled, and the exit is 0 with nothing printed.
for (const stream of [process.stdout, process.stderr]) {
  fitColumns(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
    controller.abort();
    process.exit(ExitCode.ok);
  });
}

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: controller.signal,
});
process.exitCode = readerGone ? ExitCode.ok : stoppedBy === 'SIGTERM' ? ExitCode.terminated : code;
