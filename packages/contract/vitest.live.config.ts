// Live mode: the request scenarios only, through Prism's validating proxy in front of CONTRACT_BASE_URL.
import { defineConfig } from 'vitest/config';

if (!process.env.CONTRACT_BASE_URL) throw new Error('Live mode checks a real server: set CONTRACT_BASE_URL.');
if (!process.env.LLAMA_CLOUD_API_KEY)
  throw new Error('Live mode needs a key for the server: set LLAMA_CLOUD_API_KEY.');

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    include: ['test/scenarios.test.ts'],
    // A real turn, however short, may take a while; the client waits up to 60 s for it to start.
    testTimeout: 120_000,
    // The same coverage table, for the real server; live mode runs a subset, so nothing is required.
    reporters: ['default', './src/coverage-reporter.ts'],
  },
});
