// A browser, Prism and a relay start slowly on a loaded 2-core machine; give each test room, not a hair trigger.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    // expect.poll waits for what a busy machine may take seconds to show (vitest's default gives up after 1 s);
    // a condition that never holds still fails.
    expect: { poll: { timeout: 30_000 } },
    hookTimeout: 120_000,
  },
});
