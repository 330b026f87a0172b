// The request scenarios every contract run plays through the client: against the Prism mock, and in live mode
// through Prism's validating proxy against a real server. A scenario fails on any violation Prism reports, an
// unexpected status, an error from the client, or a break it names itself (a session that is not the one asked
// for, an event of a streamed turn that breaks the spec's schema). Against a real server they change nothing but
// what they create: the one scenario that writes creates a session, sends it one short turn and deletes that
// session, and only that one, whatever happens in between.
import LlamaCloud, {
  AuthenticationError,
  type ChatStreamEvent,
  PageLimitError,
} from '@llamacloud-chat/client';
import { type EventValidator, eventProblems, eventValidator } from './event-schema.js';
import { createHarness, type Exchange } from './harness.js';
import { describeViolation } from './violations.js';

export interface Scenario {
  name: string;
  /** What a conforming server does, in words, for the report. */
  expected: string;
  /** The status every response must have, or the statuses a response may have, by request. */
  status: number | ((exchange: Exchange) => readonly number[]);
  /** Send this key instead of the real one. */
  apiKey?: string;
  /** How to make the stateless mock answer as a real server would. */
  mockPrefer?: string;
  /** Plays the scenario; `fail` records a break that Prism and the client cannot see. */
  run(client: LlamaCloud, fail: (problem: string) => void): Promise<unknown>;
  /** An error the scenario expects from the client (and so is not a failure). */
  expectsError?(error: unknown): boolean;
}

/** A key no server accepts. */
export const WRONG_KEY = 'llx-contract-wrong-key';

/** The statuses the spec documents for each step of a session's life: create, reads, a turn, delete. */
const LIFECYCLE_STATUSES: Record<string, readonly number[]> = { POST: [200, 201], GET: [200], DELETE: [204] };
const lifecycleStatuses = (exchange: Exchange) =>
  new URL(exchange.target, 'http://target').pathname.endsWith('/messages/stream')
    ? [200]
    : (LIFECYCLE_STATUSES[exchange.method] ?? []);

/** The prompt of the one turn live mode sends: short, so the turn is short. */
export const LIVE_PROMPT = 'Say hello.';

let validator: EventValidator | undefined;

const failure = (error: unknown) =>
  `the client failed: ${error instanceof Error ? error.message : String(error)}`;

/**
 * Sends one short turn to session `id` (with the indexes it was created with) and checks every event against
 * the schema the spec names for the stream's events; a turn must end with a `stop` event. An event of a type the
 * spec does not name is no failure: the spec says to keep or skip those.
 */
async function oneTurn(client: LlamaCloud, id: string, indexIds: unknown, fail: (problem: string) => void) {
  validator ??= eventValidator();
  // The session's own indexes; none when it has none, or when create answered something else (already a break).
  const index_ids = Array.isArray(indexIds) ? (indexIds as string[]) : [];
  const events: ChatStreamEvent[] = [];
  let failed: string | undefined;
  try {
    for await (const event of client.beta.chat.stream(id, { prompt: LIVE_PROMPT, index_ids }))
      events.push(event);
  } catch (error) {
    failed = failure(error);
  }
  // The events that came are checked even when the turn was cut off.
  for (const problem of eventProblems(validator, events)) fail(problem);
  if (failed !== undefined) fail(failed);
  else if (events.at(-1)?.type !== 'stop')
    fail(`the turn ended after ${events.length} events, none a stop event`);
}

/**
 * Creates a session, reads it and its summary, sends it one short turn, and deletes it: every operation of the
 * chat resource but list, and the only scenario that writes. The delete is in a `finally`, of the id create
 * returned and of nothing else, so it runs whatever the reads and the turn did; when create fails there is no id
 * and nothing is deleted.
 */
async function sessionLifecycle(client: LlamaCloud, fail: (problem: string) => void) {
  // Created by path (the same POST create() sends): a body the client would refuse as malformed still gives the
  // id to delete, so a live run never leaves a session behind. Prism reports the body's breaks either way.
  const created = await client.post<{ session_id?: unknown; index_ids?: unknown }>('/api/v1/chat', {
    body: {},
  });
  const id = created?.session_id;
  if (typeof id !== 'string') {
    fail(`create answered no session_id to read, chat with or delete (${JSON.stringify(created)})`);
    return;
  }
  const indexIds = created.index_ids;
  try {
    const reads = [
      ['retrieve', () => client.beta.chat.retrieve(id)],
      ['getSummary', () => client.beta.chat.getSummary(id)],
    ] as const;
    for (const [name, read] of reads) {
      try {
        const session = await read();
        if (session.session_id !== id) {
          fail(
            `${name} answered with session ${JSON.stringify(session.session_id)}, not ${JSON.stringify(id)}`,
          );
        }
      } catch (error) {
        fail(failure(error));
      }
    }
    await oneTurn(client, id, indexIds, fail);
  } finally {
    await client.beta.chat.delete(id);
  }
}

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
  {
    name: 'a session created, read, summarised, sent one turn and deleted',
    expected:
      'a 200 or 201 ChatListResponse from create, then for that session a 200 ChatRetrieveResponse ' +
      '(with events), a 200 ChatListResponse, a 200 text/event-stream whose every event is a ChatEvent, ' +
      'ending with a stop event, and a 204',
    status: lifecycleStatuses,
    run: sessionLifecycle,
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
  const own: string[] = [];
  try {
    await scenario.run(client, (problem) => own.push(problem));
  } catch (error) {
    if (!scenario.expectsError?.(error)) own.push(failure(error));
  }
  const failures: string[] = [];
  const lines = [`✗ ${scenario.name}: expected ${scenario.expected}`];
  for (const exchange of harness.exchanges) {
    const problems = exchange.violations.map(describeViolation);
    const statuses = typeof scenario.status === 'number' ? [scenario.status] : scenario.status(exchange);
    if (!statuses.includes(exchange.status))
      problems.unshift(`status ${exchange.status}, expected ${statuses.join(' or ')}`);
    failures.push(...problems);
    lines.push(
      `  ${exchange.method} ${exchange.target} → ${exchange.status} ${exchange.contentType ?? '(no content-type)'}`,
    );
    lines.push(...problems.map((problem) => `    - ${problem}`));
  }
  failures.push(...own);
  lines.push(...own.map((problem) => `  - ${problem}`));
  return {
    scenario,
    exchanges: harness.exchanges,
    failures,
    report: failures.length ? lines.join('\n') : '',
  };
}
