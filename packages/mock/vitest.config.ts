// Child processes and Prism start slowly on a loaded 2-core machine; give each test and hook room, not a hair
// trigger.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
