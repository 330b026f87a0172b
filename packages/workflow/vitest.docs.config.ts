// `docs:check`: the docs' links and runnable blocks (test/docs.test.ts), a task of its own so that a docs edit
// re-runs it and nothing else. It runs after the other packages' tests (turbo.json): its commands build with turbo
// too, and the repository is then quiet.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/docs.test.ts'],
    testTimeout: 180_000,
  },
});
