// Minified and gzipped size of "import, construct, for await over beta.chat.list()", bundled with esbuild with code
// splitting on, as an app's bundler does: what a program that only lists loads is its entry chunk; code it imports
// only with import() (this client's stream reader) is a chunk of its own, counted apart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const program = (specifier: string, options: string) => `
import LlamaCloud from '${specifier}';
const client = new LlamaCloud(${options});
for await (const session of client.beta.chat.list()) console.log(session.session_id);
`;

export interface BundleSize {
  /** The entry chunk: what the program loads. */
  minified: number;
  gzipped: number;
  /** Chunks loaded only by import(), gzipped one by one and added up (0 when there are none). */
  lazyGzipped: number;
}

async function measure(source: string, resolveDir: string): Promise<BundleSize> {
  const outdir = await mkdtemp(join(tmpdir(), 'bench-bundle-'));
  try {
    const result = await build({
      stdin: { contents: source, resolveDir, loader: 'js', sourcefile: 'program.js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      splitting: true,
      outdir,
      entryNames: 'entry',
      write: false,
      logLevel: 'silent',
    });
    const gz = (code: Uint8Array) => gzipSync(code, { level: 9 }).byteLength;
    const entry = result.outputFiles.find((file) => file.path.endsWith('/entry.js'));
    const code = entry?.contents ?? new Uint8Array();
    const lazy = result.outputFiles.filter((file) => file !== entry);
    return {
      minified: code.byteLength,
      gzipped: gz(code),
      lazyGzipped: lazy.reduce((sum, file) => sum + gz(file.contents), 0),
    };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export async function bundleSizes(
  resolveDir: string,
): Promise<Record<'this client' | 'official SDK', BundleSize>> {
  return {
    'this client': await measure(program('@llamacloud-chat/client', "{ apiKey: 'llx-bundle' }"), resolveDir),
    'official SDK': await measure(program('@llamaindex/llama-cloud', "{ apiKey: 'llx-bundle' }"), resolveDir),
  };
}
