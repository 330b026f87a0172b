// The spec's own tests, in process; those that run its scripts (spec:check, lint) as processes are the
// end-to-end tier (vitest.e2e.config.ts).
import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A TMPDIR of the run's own, which must be empty again at its end.
    globalSetup: [createRequire(import.meta.url).resolve('@llamacloud-chat/test-support/tmpdir-guard')],
    // The in-process tier; the *.e2e.test.ts files are the end-to-end tier (vitest.e2e.config.ts, `test:e2e`).
    exclude: [...configDefaults.exclude, '**/*.e2e.test.ts'],
    // In-process tests take about two seconds at most alone, and ten times that on a 2-core machine running a
    // second suite beside this one; the limit only catches a hang (nothing here waits on the clock).
    testTimeout: 60_000,
  },
});
