// Minified and gzipped size of "import, construct, for await over beta.chat.list()", bundled with esbuild.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const program = (specifier: string, options: string) => `
import LlamaCloud from '${specifier}';
const client = new LlamaCloud(${options});
for await (const session of client.beta.chat.list()) console.log(session.session_id);
`;

export interface BundleSize {
  minified: number;
  gzipped: number;
}

async function measure(source: string, resolveDir: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

export async function bundleSizes(
  resolveDir: string,
): Promise<Record<'this client' | 'official SDK', BundleSize>> {
  return {
    'this client': await measure(program('@llamacloud-chat/client', "{ apiKey: 'llx-bundle' }"), resolveDir),
    'official SDK': await measure(program('@llamaindex/llama-cloud', "{ apiKey: 'llx-bundle' }"), resolveDir),
  };
}
