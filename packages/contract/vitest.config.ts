// Mock mode: every contract test, against an in-process Prism mock of the spec.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Files share one module cache per worker (each imports the mock, Prism or the client once, not once a file):
    // half the CPU of a run. No test of this package depends on a fresh module state.
    isolate: false,
    globalSetup: [
      // A TMPDIR of the run's own, which must be empty again at its end.
      createRequire(import.meta.url).resolve('@llamacloud-chat/test-support/tmpdir-guard'),
      'test/global-setup.ts',
    ],
    include: ['test/**/*.test.ts'],
    // The in-process tier; the *.e2e.test.ts files are the end-to-end tier (vitest.e2e.config.ts, `test:e2e`).
    exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
    // In-process tests take about two seconds at most alone, and ten times that on a 2-core machine running a
    // second suite beside this one; the limit only catches a hang (nothing here waits on the clock).
    testTimeout: 60_000,
    // The coverage table after the run; an operation or declared status never exercised fails it.
    reporters: ['default', ['./src/coverage-reporter.ts', { require: true }]],
  },
});
