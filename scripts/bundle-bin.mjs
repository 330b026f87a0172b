// Packs a workspace bin as one self-contained npm package, for `npm install -g` on a machine with nothing but Node:
// its build bundled by esbuild into one file with everything it imports (the client, the mock and its libraries),
// a copy of openapi/openapi.yaml beside it for the built-in mock, and a package.json with no dependencies. Run by
// each package's scripts/bundle.mjs (the CLI's, the MCP server's), after the build:
//   node scripts/bundle.mjs [--out <dir>]     writes <dir>/<bin>-<version>.tgz (default: the package's folder)
// and prints the tarball's path.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The mock finds the spec through its package name, which a bundle has no node_modules to resolve; in the bundle
 * that lookup names the copy beside the bundle instead (the target also passes that copy to startMock({ spec })).
 */
const specBesideBundle = {
  name: 'spec-beside-bundle',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]packages[\\/]mock[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return {
        contents: text.replace(
          /createRequire\(import\.meta\.url\)\.resolve\((['"])@llamacloud-chat\/openapi\/openapi\.yaml\1\)/g,
          "__bundleFile('openapi.yaml')",
        ),
        loader: 'js',
      };
    });
  },
};

/**
 * Packs the workspace package at `packageUrl` (its folder, as a file URL) as a package named after its one bin,
 * with that bin its build's `dist/main.js` bundled; `--out <dir>` from the command line says where the tarball
 * goes, and its path is printed. The version and description are the workspace package's; esbuild is the
 * package's own (a dependency of each, not of the repository's root).
 */
export async function bundlePackage(packageUrl) {
  const packageDir = fileURLToPath(packageUrl);
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const workspace = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const [bin] = Object.keys(workspace.bin);
  const { build } = await import(
    pathToFileURL(createRequire(join(packageDir, 'package.json')).resolve('esbuild')).href
  );
  const tarball = await bundleBin({
    build,
    packageDir,
    workspace,
    entry: 'dist/main.js',
    bin,
    out: resolve(values.out ?? packageDir),
  });
  process.stdout.write(`${tarball}\n`);
}

/** Bundles `entry` of `packageDir` as the bin `bin` of a package of the same name; returns the tarball's path. */
async function bundleBin({ build, packageDir, workspace, entry, bin, out }) {
  // The spec as the mock's package finds it, so the copy is the one the workspace's own bin serves.
  const requireFromMock = createRequire(
    createRequire(join(packageDir, 'package.json')).resolve('@llamacloud-chat/mock'),
  );
  const spec = requireFromMock.resolve('@llamacloud-chat/openapi/openapi.yaml');
  const stage = await mkdtemp(join(tmpdir(), `${bin}-bundle-`));
  try {
    await mkdir(join(stage, 'dist'));
    await build({
      entryPoints: [join(packageDir, entry)],
      outfile: join(stage, `dist/${bin}.js`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
      // ESM entries first: some libraries' `main` is a UMD wrapper whose require() calls a bundler cannot follow
      // (jsonc-parser's, under Prism).
      mainFields: ['module', 'main'],
      plugins: [specBesideBundle],
      // The bundle is ESM; the CommonJS libraries in it (Prism's among them) still call require() for Node's own
      // modules, and some read __dirname.
      banner: {
        js: [
          '#!/usr/bin/env node',
          "import { createRequire as __createRequire } from 'node:module';",
          "import { fileURLToPath as __fileURLToPath } from 'node:url';",
          'const require = __createRequire(import.meta.url);',
          'const __filename = __fileURLToPath(import.meta.url);',
          "const __dirname = __fileURLToPath(new URL('.', import.meta.url));",
          'const __bundleFile = (name) => __fileURLToPath(new URL(name, import.meta.url));',
        ].join('\n'),
      },
    });
    await copyFile(spec, join(stage, 'dist/openapi.yaml'));
    await copyFile(join(packageDir, '../../LICENSE'), join(stage, 'LICENSE'));
    // The bundle reads its version from the package.json one folder up, as the workspace build does.
    const manifest = {
      name: bin,
      version: workspace.version,
      description: workspace.description,
      license: 'MIT',
      type: 'module',
      bin: { [bin]: `dist/${bin}.js` },
      files: ['dist'],
      engines: { node: '>=20.19' },
    };
    await writeFile(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(out, { recursive: true });
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
      cwd: stage,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    });
    return join(out, packed.trim().split('\n').at(-1));
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
