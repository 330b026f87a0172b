// Child processes and the mock start slowly on a loaded 2-core machine; give each test room, not a hair trigger.
import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Files share one module cache per worker (each imports the mock, Prism or the client once, not once a file):
    // half the CPU of a run. No test of this package depends on a fresh module state.
    isolate: false,
    // A TMPDIR of the run's own, which must be empty again at its end.
    globalSetup: [createRequire(import.meta.url).resolve('@llamacloud-chat/test-support/tmpdir-guard')],
    // The in-process tier; the *.e2e.test.ts files are the end-to-end tier (vitest.e2e.config.ts, `test:e2e`).
    exclude: [...configDefaults.exclude, '**/*.e2e.test.ts'],
    // In-process tests take about two seconds at most alone, and ten times that on a 2-core machine running a
    // second suite beside this one; the limit only catches a hang (nothing here waits on the clock).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
