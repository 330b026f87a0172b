// Minified and gzipped size of "import, construct, for await over beta.chat.list()", bundled with esbuild for the
// browser, as an app's bundler does, in both of the ways an app bundles: one file (no code splitting: everything
// reachable is in it, `import()`ed code included), and with code splitting, where what the program loads is its
// entry plus every chunk the entry imports statically, transitively; chunks reached only through `import()`
// (this client's stream reader) are counted apart. Nothing is written to disk.
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile } from 'esbuild';

const program = (specifier: string) => `
import LlamaCloud from '${specifier}';
const client = new LlamaCloud({ apiKey: 'llx-bundle' });
for await (const session of client.beta.chat.list()) console.log(session.session_id);
`;

export interface BundleSize {
  /** The one file, without code splitting. */
  whole: number;
  /** With code splitting: the entry and every chunk it imports statically, each gzipped, summed. */
  loaded: number;
  /** With code splitting: chunks reached only through import(), each gzipped, summed. */
  lazy: number;
}

const gz = (file: OutputFile) => gzipSync(file.contents, { level: 9 }).byteLength;

async function bundleOf(source: string, resolveDir: string, splitting: boolean) {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: 'js', sourcefile: 'program.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting,
    // esbuild needs an output folder to name chunks by; with write: false nothing is written there.
    outdir: '/bundle-size',
    entryNames: 'entry',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { files: result.outputFiles, metafile: result.metafile as Metafile };
}

/** The output files reachable from `start` through static imports, `start` included. */
function staticallyLoaded(metafile: Metafile, start: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(start);
  return loaded;
}

async function measure(specifier: string, resolveDir: string): Promise<BundleSize> {
  const source = program(specifier);
  const whole = await bundleOf(source, resolveDir, false);
  const split = await bundleOf(source, resolveDir, true);
  // Metafile paths are relative to the working folder; output files carry absolute paths.
  const key = (file: OutputFile) =>
    Object.keys(split.metafile.outputs).find((path) => file.path.endsWith(path.replace(/^(\.\.\/)+/, '/'))) ??
    '';
  const entry = split.files.find((file) => file.path.endsWith('/entry.js'));
  const loaded = staticallyLoaded(split.metafile, entry ? key(entry) : '');
  let loadedBytes = 0;
  let lazyBytes = 0;
  for (const file of split.files) {
    if (loaded.has(key(file))) loadedBytes += gz(file);
    else lazyBytes += gz(file);
  }
  return {
    whole: whole.files.reduce((sum, file) => sum + gz(file), 0),
    loaded: loadedBytes,
    lazy: lazyBytes,
  };
}

export async function bundleSizes(
  resolveDir: string,
): Promise<Record<'this client' | 'official SDK', BundleSize>> {
  return {
    'this client': await measure('@llamacloud-chat/client', resolveDir),
    'official SDK': await measure('@llamaindex/llama-cloud', resolveDir),
  };
}
