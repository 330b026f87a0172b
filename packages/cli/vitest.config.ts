// Child processes and Prism start slowly on a loaded 2-core machine; give each test room, not a hair trigger.
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
    // expect.poll waits for what a busy machine may take seconds to show (vitest's default gives up after 1 s);
    // a condition that never holds still fails.
    expect: { poll: { timeout: 30_000 } },
  },
});
