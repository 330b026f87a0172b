// The end-to-end tier (`test:e2e`): the files named *.e2e.test.ts, which start processes (live mode runs the
// suite as `pnpm contract` would, against local upstreams). No Prism of its own and no coverage table: those are
// the in-process tier's, vitest.config.ts.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A TMPDIR of the run's own, which must be empty again at its end.
    globalSetup: [createRequire(import.meta.url).resolve('@llamacloud-chat/test-support/tmpdir-guard')],
    include: ['test/**/*.e2e.test.ts'],
    testTimeout: 120_000,
  },
});
