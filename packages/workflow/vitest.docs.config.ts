// `docs:check`: the docs' links and runnable blocks (test/docs.test.ts), a task of its own so that a docs edit
// re-runs it and nothing else. It runs after the other packages' tests (turbo.json): its commands build with turbo
// too, and the repository is then quiet.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A TMPDIR of the run's own, which must be empty again at its end.
    globalSetup: [createRequire(import.meta.url).resolve('@llamacloud-chat/test-support/tmpdir-guard')],
    include: ['test/docs.test.ts'],
    testTimeout: 180_000,
  },
});
