// Mock mode: every contract test, against an in-process Prism mock of the spec.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // The coverage table after the run; an operation or declared status never exercised fails it.
    reporters: ['default', ['./src/coverage-reporter.ts', { require: true }]],
  },
});
