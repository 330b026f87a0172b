// Bundles the page (src/page/main.ts and what it imports, the client included) for browsers with esbuild, into
// dist/page with its HTML and CSS. dist/page/meta.json is esbuild's metafile: what went into the bundle.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'page');
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: [join(root, 'src/page/main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  metafile: true,
  logLevel: 'warning',
});
await writeFile(join(out, 'meta.json'), JSON.stringify(result.metafile, null, 2));
await copyFile(join(root, 'src/page/index.html'), join(out, 'index.html'));
await copyFile(join(root, 'src/page/app.css'), join(out, 'app.css'));
