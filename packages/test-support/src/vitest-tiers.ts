// The end-to-end tier of a package's tests, for its vitest.e2e.config.ts: the package's own config (the in-process
// tier, which leaves the *.e2e.test.ts files out), for those files only. They start processes, browsers, clones or
// packed installs: seconds alone, ten times that on a 2-core machine running a second suite beside this one, so
// their limit, which only catches a hang, is wider.
import { configDefaults, type ViteUserConfig } from 'vitest/config';

export function endToEndTier(inProcess: ViteUserConfig): ViteUserConfig {
  return {
    ...inProcess,
    test: {
      ...inProcess.test,
      include: ['test/**/*.e2e.test.ts'],
      exclude: configDefaults.exclude,
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  };
}
