// A vitest reporter that prints the coverage table after the run: each operation and declared status, how many
// answers of it the suite saw, and a stream's event types. With `require` (the mock run), an operation or a
// declared status never exercised fails the run, named; live mode only prints the table.
import { catalog } from '@llamacloud-chat/client/catalog';
import type { Reporter, TestModule } from 'vitest/node';
import type { Seen } from './coverage.js';
import { coverageTable } from './coverage-table.js';

export default class CoverageReporter implements Reporter {
  readonly #require: boolean;

  constructor(options: { require?: boolean } = {}) {
    this.#require = options.require === true;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const seen: Seen[] = [];
    for (const module of testModules)
      for (const test of module.children.allTests()) seen.push(...(test.meta().coverage ?? []));
    const { lines, missing } = coverageTable(catalog, seen);
    const out = ['', 'Coverage of the spec (operation × declared status, event types seen):', ...lines];
    if (missing.length > 0) {
      out.push('', `Never exercised: ${missing.join(', ')}.`);
      if (this.#require) process.exitCode = 1;
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }
}
