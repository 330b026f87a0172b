// Test files run one at a time: the fault-injection tests measure delays of tens of milliseconds, and the
// soak next to them would steal the CPU they measure.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    fileParallelism: false,
  },
});
