// Packs the MCP server as one self-contained npm package (see scripts/bundle-bin.mjs at the repository's root), for
// `npm install -g` on a machine with nothing but Node. Run after the build (the package's `bundle` script builds
// first):
//   node scripts/bundle.mjs [--out <dir>]     writes <dir>/llamacloud-chat-mcp-<version>.tgz (default: this package)
// and prints the tarball's path.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleBin } from '../../../scripts/bundle-bin.mjs';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const tarball = await bundleBin({
  build,
  packageDir,
  entry: 'dist/main.js',
  name: 'llamacloud-chat-mcp',
  bin: 'llamacloud-chat-mcp',
  out: resolve(values.out ?? packageDir),
});
process.stdout.write(`${tarball}\n`);
