// The examples' tests are all end-to-end (`test:e2e`): the example runs as a process, and a spec edit is replayed
// through generate, build and the consumer's typecheck on a scratch copy of the workspace.
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
