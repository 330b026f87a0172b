#!/usr/bin/env node
// The standalone mock's entry, bundled by the build into dist/mock-server.js, which `pnpm mock` runs.
import { serveStandalone } from './standalone.js';

await serveStandalone(process.argv.slice(2));
