// These tests clone the repository and run turbo in the clones: one at a time, with time to do it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
