#!/usr/bin/env node
// The llamacloud-chat-mcp bin: a committed file, so `pnpm install` can link it before anything is built. The
// server itself is the build output, dist/main.js.
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/main.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(fileURLToPath(entry)))
    throw error;
  process.stderr.write(
    'llamacloud-chat-mcp is not built yet. From the repository, run:\n' +
      '  npx -y pnpm@10.34.9 exec turbo run build --filter=@llamacloud-chat/mcp...\n',
  );
  process.exitCode = 1;
}
