#!/usr/bin/env node
// The standalone mock's entry: `node packages/mock/dist/serve.js [--port <n>]` (`pnpm mock` builds, then runs it).
import { serveStandalone } from './standalone.js';

await serveStandalone(process.argv.slice(2));
