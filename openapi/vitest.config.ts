// The spec's own tests. Some run its scripts (spec:check, lint) as node processes to their end: seconds on a busy
// machine, where CI shares two cores with the rest of the suite, not vitest's 5 s default.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
  },
});
