// Packs the CLI as one self-contained npm package for `npm install -g` on a machine with nothing but Node (see
// scripts/bundle-bin.mjs at the repository's root). Run after the build (the package's `bundle` script builds
// first):
//   node scripts/bundle.mjs [--out <dir>]     writes <dir>/llamacloud-chat-<version>.tgz (default: this package)
// and prints the tarball's path.
import { bundlePackage } from '../../../scripts/bundle-bin.mjs';

await bundlePackage(new URL('..', import.meta.url));
