// These tests clone the repository and run turbo in the clones: one at a time, with time to do it.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A TMPDIR of the run's own, which must be empty again at its end.
    globalSetup: [createRequire(import.meta.url).resolve('@llamacloud-chat/test-support/tmpdir-guard')],
    // The docs check is a task of its own (docs:check), keyed on the docs: see vitest.docs.config.ts.
    exclude: ['**/node_modules/**', 'test/docs.test.ts'],
    fileParallelism: false,
    // Clones with their own install, and turbo runs in them: up to half a minute alone, a few times that when
    // loaded; the limit only catches a hang.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
