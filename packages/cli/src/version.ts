// The CLI's version, from the package.json beside its build (dist/ of the workspace package, or of the packed CLI).
import { readFileSync } from 'node:fs';

/** `0.1.0`: what `--version` prints. */
export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
