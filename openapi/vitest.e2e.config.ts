// The end-to-end tier (`test:e2e`): the files named *.e2e.test.ts, which start processes (the spec's own scripts
// run to their end). Everything else is the in-process tier, vitest.config.ts.
import { endToEndTier } from '@llamacloud-chat/test-support/vitest-tiers';
import inProcess from './vitest.config.js';

export default endToEndTier(inProcess);
