// The request scenarios, against the mock or, in live mode, a real server through Prism's validating proxy.
import { describe, expect, inject, it } from 'vitest';
import { runScenario, scenarios } from '../src/scenarios.js';

const upstream = inject('upstream');
const target = {
  baseUrl: inject('baseUrl'),
  apiKey: upstream ? (process.env.LLAMA_CLOUD_API_KEY ?? '') : 'llx-contract-mock-key',
  mock: !upstream,
};

describe(upstream ? `the server at ${upstream} keeps the spec` : 'the Prism mock keeps the spec', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const result = await runScenario(scenario, target);

    expect(result.exchanges.length, 'the scenario sent no request').toBeGreaterThan(0);
    expect(result.failures, `\n${result.report}\n`).toEqual([]);
  });
});
