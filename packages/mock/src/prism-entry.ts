// Prism's functions, each loading Prism's modules on its first call rather than when the package is imported,
// so a program that only starts the mock (the CLI, a browser app's dev server) never pays for them.
import type { PrismOptions } from './prism.js';
import type { PrismMockOptions, RunningPrismMock } from './prism-mock.js';
import type { RunningServer } from './running-server.js';

/** Prism 5 in-process: a mock of the spec, or a validating proxy. See prism.ts. */
export async function startPrism(options: PrismOptions): Promise<RunningServer> {
  return (await import('./prism.js')).startPrism(options);
}

/** Prism's mock behind the page-token front: the stateless mock the contract suite checks against. See prism-mock.ts. */
export async function startPrismMock(options: PrismMockOptions = {}): Promise<RunningPrismMock> {
  return (await import('./prism-mock.js')).startPrismMock(options);
}
