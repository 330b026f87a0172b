#!/usr/bin/env node
// The llamacloud-chat bin: a committed file, so `pnpm install` can link it before anything is built. The CLI
// itself is the build output, dist/main.js.
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  // Only dist/main.js itself missing means "not built"; anything else is a real failure, shown as it is.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(fileURLToPath(entry))) {
    throw error;
  }
  process.stderr.write(
    'llamacloud-chat is not built yet. From the repository, run:\n' +
      '  npx -y pnpm@10.34.9 exec turbo run build --filter=@llamacloud-chat/cli...\n',
  );
  process.exitCode = 1;
}
