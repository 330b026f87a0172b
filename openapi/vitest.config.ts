// The spec's own tests. Some run its scripts (spec:check, lint) as node processes to their end: seconds on a busy
// machine, where CI shares two cores with the rest of the suite, not vitest's 5 s default.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The in-process tier; the *.e2e.test.ts files are the end-to-end tier (vitest.e2e.config.ts, `test:e2e`).
    exclude: [...configDefaults.exclude, '**/*.e2e.test.ts'],
    // In-process tests take about two seconds at most alone, and ten times that on a 2-core machine running a
    // second suite beside this one; the limit only catches a hang (nothing here waits on the clock).
    testTimeout: 60_000,
  },
});
