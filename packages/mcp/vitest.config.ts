// Child processes and the mock start slowly on a loaded 2-core machine; give each test room, not a hair trigger.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
