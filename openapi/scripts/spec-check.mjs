#!/usr/bin/env node
// `pnpm spec:check`: fails on changes to openapi.yaml that break existing clients, compared with a baseline:
// the spec at the merge base with main when there is one, else the committed baseline/openapi.yaml.
// A breaking change passes only when acknowledged by a major bump of info.version.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { breakingChanges } from './breaking-changes.mjs';
import { parseTextOrExit } from './read-spec.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    revision: { type: 'string', default: join(here, 'openapi.yaml') },
  },
});

/** The baseline spec's text and where it came from. */
function baseline() {
  if (values.base) return { text: readFileSync(values.base, 'utf8'), from: values.base };
  try {
    const git = (...args) =>
      execFileSync('git', args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const base = ['main', 'origin/main']
      .map((ref) => {
        try {
          return git('merge-base', 'HEAD', ref);
        } catch {
          return undefined;
        }
      })
      .find(Boolean);
    if (!base) throw new Error('no main branch');
    const path = relative(git('rev-parse', '--show-toplevel'), join(here, 'openapi.yaml'));
    return { text: git('show', `${base}:${path}`), from: `the merge base with main (${base.slice(0, 10)})` };
  } catch {
    const file = join(here, 'baseline/openapi.yaml');
    return { text: readFileSync(file, 'utf8'), from: relative(process.cwd(), file) };
  }
}

const base = baseline();
const revision = readFileSync(values.revision, 'utf8');
const { breaking, acknowledged, oldVersion, newVersion } = breakingChanges(
  parseTextOrExit(base.from, base.text),
  parseTextOrExit(values.revision, revision),
);

if (breaking.length === 0) {
  console.log(`spec:check: no breaking changes against ${base.from}.`);
} else if (acknowledged) {
  console.log(
    `spec:check: ${breaking.length} breaking change(s) against ${base.from}, acknowledged by info.version ${oldVersion} → ${newVersion}:`,
  );
  for (const change of breaking) console.log(`  - ${change}`);
} else {
  console.error(`spec:check: ${breaking.length} breaking change(s) against ${base.from}:`);
  for (const change of breaking) console.error(`  - ${change}`);
  console.error(
    `Existing clients would break. Undo the change, or acknowledge it by bumping info.version to the next major ` +
      `(now ${newVersion}, was ${oldVersion}).`,
  );
  process.exitCode = 1;
}
