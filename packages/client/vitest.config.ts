// The runtime tests. The type-level tests (`*.test-d.ts`, expectTypeOf) are checked by the `typecheck` task's
// `tsc --noEmit` over src and test, where a failed type assertion is a compile error; vitest's own typecheck mode
// would run the same tsc a second time and print an "experimental feature" notice on every run.
import { createRequire } from 'node:module';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A TMPDIR of the run's own, which must be empty again at its end.
    globalSetup: [createRequire(import.meta.url).resolve('@llamacloud-chat/test-support/tmpdir-guard')],
    // The in-process tier; the *.e2e.test.ts files are the end-to-end tier (vitest.e2e.config.ts, `test:e2e`).
    exclude: [...configDefaults.exclude, '**/*.e2e.test.ts'],
    // A busy machine (CI shares two cores) can take seconds over what takes milliseconds alone.
    // In-process tests take about two seconds at most alone, and ten times that on a 2-core machine running a
    // second suite beside this one; the limit only catches a hang (nothing here waits on the clock).
    testTimeout: 60_000,
    // expect.poll waits for what a busy machine may take seconds to show (vitest's default gives up after 1 s);
    // a condition that never holds still fails.
    expect: { poll: { timeout: 30_000 } },
  },
});
