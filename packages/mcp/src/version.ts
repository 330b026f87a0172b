// The server's version, from the package.json beside its build (dist/ of the workspace package, or of the packed bin).
import { readFileSync } from 'node:fs';

export const VERSION: string = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).version;
