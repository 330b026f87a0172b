// Every turbo the project starts goes through here: `npx -y pnpm@10.34.9 turbo <args>` (the root script `turbo`
// runs before pnpm would look for the bin) and the root scripts (test, build, dev, …). Turbo keeps its telemetry
// switch only in the environment and in the user's config folder, so it is set here, whoever calls: turbo then
// sends nothing and writes no telemetry file into HOME. Node's compile cache is kept out of TMPDIR here too.
//
// `turbo watch` (`dev`) is a server-like command: Ctrl-C or SIGTERM is its normal stop, so it exits 0 after one
// line of its own, printed once turbo has ended. It runs in a process group of its own, which this script
// signals, so it can wait for turbo and then say so; a closed terminal (SIGHUP) kills the group. Every other
// turbo command stays in the terminal's group and exits with turbo's code: an interrupted test run is no success.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const watching = args[0] === 'watch';

// Every task starts from the spec: one that does not parse is its one line (file:line:col and the parser's
// message) and exit 1, before turbo frames the same line in every task that reads it. Then docs/api.md, the one
// derived file in git, is made from it (rewritten only when its text changes), before turbo hashes anything:
// as a task's output turbo would also count it among that task's inputs (turbo 2.11 does so for any output
// outside the package's folder), so a regenerated file would change the key of the task that made it. The
// client's generate writes it too, for `dev`'s watch.
if ((args[0] === 'run' || watching) && !args.some((arg) => arg.startsWith('--dry'))) {
  // One read of the spec, in this process: writeApiDoc reads it as generate does, one line for a spec that does
  // not parse.
  const { writeApiDoc } = await import('../packages/client/scripts/api-doc.mjs');
  await writeApiDoc();
}
const bin = createRequire(import.meta.url).resolve('turbo/bin/turbo');
const turbo = spawn(process.execPath, [bin, ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TURBO_TELEMETRY_DISABLED: '1',
    // No update check: it would write ~/.cache/update-informer-rs from any run on a terminal.
    TURBO_NO_UPDATE_NOTIFIER: '1',
    // tsc (5.7+) turns on Node's compile cache on Node 22+, which Node keeps in TMPDIR unless told where: it goes
    // beside the other caches, where the next run finds it (turbo.json passes it through to every task).
    NODE_COMPILE_CACHE:
      process.env.NODE_COMPILE_CACHE ?? join(ROOT, 'node_modules', '.cache', 'node-compile-cache'),
  },
  detached: watching,
});

/** The signal that asked a watch to stop. */
let stoppedBy;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!watching) {
      // Ctrl-C reaches turbo too (same process group), and its exit code says what happened; a SIGTERM or SIGHUP
      // sent to this script alone is passed on.
      if (signal !== 'SIGINT') turbo.kill(signal);
      return;
    }
    // A second Ctrl-C does not wait, and a closed terminal (SIGHUP) leaves nothing behind: turbo and every task
    // it started (its process group, which the terminal no longer reaches) are killed.
    if (stoppedBy || signal === 'SIGHUP') process.kill(-turbo.pid, 'SIGKILL');
    stoppedBy ??= signal;
    // To the group, as a terminal's Ctrl-C would: turbo's launcher (a node script) does not pass it on.
    process.kill(-turbo.pid, signal);
  });
}
turbo.on('error', (error) => {
  process.stderr.write(`error: could not start turbo: ${error.message}\n`);
  process.exit(1);
});
turbo.on('exit', (code, signal) => {
  if (stoppedBy) {
    process.stdout.write(`Stopped watching (${stoppedBy}).\n`);
    process.exit(0);
  }
  process.exit(code ?? 128 + (signal === 'SIGTERM' ? 15 : 2));
});
