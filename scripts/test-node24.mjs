// `pnpm test:node24`: the README's test suite on Node 24 (the current LTS), with Node 24 taken from the npm
// registry as the `node` package, so no version manager is needed. Every task runs again (--force): turbo's
// cache keys do not include the Node version.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = '24.21.0';
const prefix = join('node_modules', '.cache', `node-${VERSION}`);
const bin = join(process.cwd(), prefix, 'node_modules', 'node', 'bin');

if (!existsSync(join(bin, 'node'))) {
  mkdirSync(prefix, { recursive: true });
  console.error(`Installing Node ${VERSION} from the npm registry into ${prefix} …`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      // Errors only: npm would warn about pnpm's own npm_config_* settings (unknown to npm) and about node@24's
      // preinstall script, which it runs all the same (it fetches the platform's binary).
      '--loglevel=error',
      `node@${VERSION}`,
    ],
    {
      stdio: 'inherit',
    },
  );
}
// pnpm (10.34) and tsc turn on Node's compile cache under Node 22+, which Node keeps in TMPDIR unless told where:
// it goes beside the other caches (scripts/turbo.mjs does the same for every task).
const env = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH}`,
  NODE_COMPILE_CACHE:
    process.env.NODE_COMPILE_CACHE ?? join(process.cwd(), 'node_modules', '.cache', 'node-compile-cache'),
};
console.error(`Node on PATH: ${execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim()}`);
// pnpm itself runs on Node 24 too, through the same npm_execpath that started this script.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by pnpm for this script, which turbo does not run.
const pnpm = process.env.npm_execpath;
const { status } = spawnSync(join(bin, 'node'), [pnpm, 'test', '--force', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.exit(status ?? 1);
