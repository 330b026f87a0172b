// The end-to-end tier (`test:e2e`): the files named *.e2e.test.ts, which start processes, browsers, clones or
// packed installs. Everything else is the in-process tier, vitest.config.ts.
import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/**/*.e2e.test.ts'],
    exclude: configDefaults.exclude,
    // A process, a browser or a packed install: seconds alone, ten times that on a 2-core machine running a
    // second suite beside this one; the limit only catches a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
