// Type-level tests (`*.test-d.ts`) run in vitest's typecheck mode next to the runtime tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    typecheck: { enabled: true, tsconfig: './tsconfig.json' },
  },
});
