// The request scenarios every contract run plays through the client: against the Prism mock, and in live mode
// through Prism's validating proxy against a real server. A scenario fails on any violation Prism reports, an
// unexpected status, or an error from the client.
import LlamaCloud, { AuthenticationError, PageLimitError } from '@llamacloud-chat/client';
import { createHarness, type Exchange } from './harness.js';
import { describeViolation } from './violations.js';

export interface Scenario {
  name: string;
  /** What a conforming server does, in words, for the report. */
  expected: string;
  /** The status every response must have. */
  status: number;
  /** Send this key instead of the real one. */
  apiKey?: string;
  /** How to make the stateless mock answer as a real server would. */
  mockPrefer?: string;
  run(client: LlamaCloud): Promise<unknown>;
  /** An error the scenario expects from the client (and so is not a failure). */
  expectsError?(error: unknown): boolean;
}

/** A key no server accepts. */
export const WRONG_KEY = 'llx-contract-wrong-key';

export const scenarios: Scenario[] = [
  {
    name: 'the first page',
    expected:
      'a 200 whose body is a ChatListPage: { items: ChatListResponse[], next_page_token: string | null }',
    status: 200,
    run: (client) => client.beta.chat.list().firstPage(),
  },
  {
    name: 'one session per page',
    expected: 'a 200 ChatListPage',
    status: 200,
    run: (client) => client.beta.chat.list({ page_size: 1 }).firstPage(),
  },
  {
    name: 'a hundred sessions per page',
    expected: 'a 200 ChatListPage',
    status: 200,
    run: (client) => client.beta.chat.list({ page_size: 100 }).firstPage(),
  },
  {
    name: 'every page, following next_page_token (at most 5 pages)',
    expected: 'a 200 ChatListPage for each page, the last with a null next_page_token',
    status: 200,
    run: (client) => client.beta.chat.list({}, { maxPages: 5 }).collect(),
    expectsError: (error) => error instanceof PageLimitError,
  },
  {
    name: 'a wrong API key',
    expected: 'a 401 whose body is an HTTPError: { detail: string }',
    status: 401,
    apiKey: WRONG_KEY,
    mockPrefer: 'code=401',
    run: (client) => client.beta.chat.list().firstPage(),
    expectsError: (error) => error instanceof AuthenticationError,
  },
];

export interface ScenarioTarget {
  /** Prism's URL: the mock, or the proxy in front of the real server. */
  baseUrl: string;
  apiKey: string;
  /** Whether it is the mock, which a scenario may steer with a Prefer header. */
  mock: boolean;
}

export interface ScenarioResult {
  scenario: Scenario;
  exchanges: Exchange[];
  /** Everything that broke the contract, one line each; empty when the scenario passed. */
  failures: string[];
  /** The report a person reads when it failed. */
  report: string;
}

export async function runScenario(scenario: Scenario, target: ScenarioTarget): Promise<ScenarioResult> {
  const harness = createHarness(target.mock && scenario.mockPrefer ? { prefer: scenario.mockPrefer } : {});
  const client = new LlamaCloud({
    apiKey: scenario.apiKey ?? target.apiKey,
    baseUrl: target.baseUrl,
    fetch: harness.fetch,
  });
  let clientError: string | undefined;
  try {
    await scenario.run(client);
  } catch (error) {
    if (!scenario.expectsError?.(error)) {
      clientError = `the client failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const failures: string[] = [];
  const lines = [`✗ ${scenario.name}: expected ${scenario.expected}`];
  for (const exchange of harness.exchanges) {
    const problems = exchange.violations.map(describeViolation);
    if (exchange.status !== scenario.status)
      problems.unshift(`status ${exchange.status}, expected ${scenario.status}`);
    failures.push(...problems);
    lines.push(
      `  ${exchange.method} ${exchange.target} → ${exchange.status} ${exchange.contentType ?? '(no content-type)'}`,
    );
    lines.push(...problems.map((problem) => `    - ${problem}`));
  }
  if (clientError) {
    failures.push(clientError);
    lines.push(`  - ${clientError}`);
  }
  return {
    scenario,
    exchanges: harness.exchanges,
    failures,
    report: failures.length ? lines.join('\n') : '',
  };
}
