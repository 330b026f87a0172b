// Build step after tsc: the standalone mock as one file (dist/mock-server.js, what `pnpm mock` runs), so a start
// reads one module instead of some hundreds (module loading is most of its start time), and the spec as JSON
// (dist/openapi.json, with the hash of the YAML it came from), so a start need not load a YAML parser. The mock
// uses the JSON only while its hash matches the spec; otherwise it reads the YAML.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseTextOrExit } from '@llamacloud-chat/openapi/read-spec.mjs';
import { build } from 'esbuild';

const specPath = createRequire(import.meta.url).resolve('@llamacloud-chat/openapi/openapi.yaml');
const text = readFileSync(specPath, 'utf8');
const sha256 = createHash('sha256').update(text).digest('hex');
writeFileSync(
  new URL('../dist/openapi.json', import.meta.url),
  JSON.stringify({ sha256, document: parseTextOrExit(specPath, text) }),
);

await build({
  entryPoints: [new URL('../dist/serve.js', import.meta.url).pathname],
  outfile: new URL('../dist/mock-server.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  // Prism stays out: the standalone never loads it. Bundled CommonJS modules call require() for Node's own.
  external: ['@stoplight/*'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
