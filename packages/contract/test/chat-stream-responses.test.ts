// Every response the spec documents for the stream operation (POST /api/v1/chat/{session_id}/messages/stream),
// through client.beta.chat.stream(), asked for as the other chat tests ask: a `Prefer` header in the client's
// `defaultHeaders`. Each 200 example arrives as exactly its events, in order, each keeping the schema the spec
// names with `x-sse-data-schema`; each documented error surfaces as its error class with its message; and
// Prism's own 401 and 422 do too.
import LlamaCloud, {
  AuthenticationError,
  type ChatStreamEvent,
  InvalidRequestError,
  NotFoundError,
  UnprocessableEntityError,
} from '@llamacloud-chat/client';
import { describe, expect, inject, it } from 'vitest';
import { dataOf, eventValidator } from '../src/event-schema.js';
import { createHarness, type HarnessOptions } from '../src/harness.js';
import { describeViolation } from '../src/violations.js';
import { documentedResponses, eventsOf, STREAM_PATH } from './support/spec.js';

/** The built-in mock: Prism's answer, streamed, with the blank line Prism drops after the last event put back. */
const mockUrl = inject('baseUrl');
/** Prism itself. */
const prismUrl = inject('prismUrl');
const apiKey = 'llx-contract-mock-key';
const SESSION_ID = 'ses-abc123';
const TARGET = `POST /api/v1/chat/${SESSION_ID}/messages/stream`;
const TURN = { prompt: 'What were the main findings in Q3?', index_ids: ['idx-abc123', 'idx-def456'] };

const validator = eventValidator();
const responses = documentedResponses(STREAM_PATH, 'POST');
const label = (status: number, example: string | undefined) => `${status}${example ? ` ${example}` : ''}`;

function clientFor(baseUrl: string, headers: Record<string, string | null>, harness: HarnessOptions = {}) {
  const recorder = createHarness(harness);
  const client = new LlamaCloud({
    apiKey,
    baseUrl,
    fetch: recorder.fetch,
    defaultHeaders: headers,
    maxRetries: 0,
  });
  return { client, exchanges: recorder.exchanges };
}

/** Every event of a turn, or the error that ended it (and the events before it). */
async function read(client: LlamaCloud, params = TURN) {
  const events: ChatStreamEvent[] = [];
  try {
    for await (const event of client.beta.chat.stream(SESSION_ID, params)) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

const ERRORS = {
  401: {
    class: AuthenticationError,
    kind: 'authentication',
    reason: 'Unauthorized',
    detail: 'Invalid API key',
  },
  404: {
    class: NotFoundError,
    kind: 'not_found',
    reason: 'Not Found',
    detail: 'Chat session ses-missing not found',
  },
  422: {
    class: UnprocessableEntityError,
    kind: 'unprocessable_entity',
    reason: 'Unprocessable Entity',
    detail: 'body.prompt: Field required',
  },
} as const;

it('every documented response of the stream is here: two 200 examples as SSE, and the 401, 404 and 422', () => {
  expect(responses.map((r) => [label(r.status, r.example), r.mediaType])).toEqual([
    ['200 turn', 'text/event-stream'],
    ['200 failed-turn', 'text/event-stream'],
    ['401', 'application/json'],
    ['404', 'application/json'],
    ['422', 'application/json'],
  ]);
});

describe('each 200 example, asked for with Prefer, arrives as exactly its events, each keeping the schema', () => {
  it.each(responses.filter((r) => r.status === 200).map((r) => [r.example ?? '', r.value] as const))(
    '%s',
    async (example, value) => {
      const { client, exchanges } = clientFor(mockUrl, { Prefer: `code=200, example=${example}` });

      const { events, error } = await read(client);

      expect(error).toBeUndefined();
      expect(
        exchanges.map((e) => [e.method, e.status, e.contentType, e.violations.map(describeViolation)]),
      ).toEqual([['POST', 200, 'text/event-stream', []]]);
      expect(events).toEqual(eventsOf(String(value)));
      expect(events.map((event) => validator.check(dataOf(event)))).toEqual(
        events.map((event) => ({ type: event.type, known: true, problems: [] })),
      );
      expect(events.at(-1)?.type).toBe('stop');
    },
  );
});

describe('each documented error, asked for with Prefer, surfaces from stream() as its error class', () => {
  it.each(responses.filter((r) => r.status >= 400).map((r) => [r.status, r] as const))(
    '%s',
    async (status, { value }) => {
      // The client's stream request accepts JSON too (error bodies are JSON), so Prism honours the code.
      const { client, exchanges } = clientFor(prismUrl, { Prefer: `code=${status}` });

      const { events, error } = await read(client);

      expect(events).toEqual([]);
      const expected = ERRORS[status as keyof typeof ERRORS];
      expect(error).toBeInstanceOf(expected.class);
      const failure = error as InstanceType<typeof expected.class>;
      expect([failure.kind, failure.status, failure.attempts]).toEqual([expected.kind, status, 1]);
      expect(failure.body).toEqual(value);
      expect(failure.message).toBe(`${status} ${expected.reason} from ${TARGET}: ${expected.detail}`);
      expect(exchanges.map((e) => [e.status, e.contentType, e.violations.map(describeViolation)])).toEqual([
        [status, 'application/json', []],
      ]);
    },
  );
});

describe("Prism's own checks, through stream()", () => {
  it.each([
    ['no Authorization header', null],
    ['a Basic instead of a Bearer scheme', 'Basic bGxhbWE6Y2xvdWQ='],
  ])('the 401 for %s', async (_label, authorization) => {
    const { client, exchanges } = clientFor(prismUrl, { Authorization: authorization });

    const { error } = await read(client);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe(`401 Unauthorized from ${TARGET}: Invalid API key`);
    expect(exchanges.map((e) => [e.status, e.violations.map(describeViolation)])).toEqual([
      [401, ['request: Invalid security scheme used']],
    ]);
  });

  it('index_ids that are not strings are sent (the client checks only that it is a list), and Prism’s 422 surfaces as an UnprocessableEntityError', async () => {
    const { client, exchanges } = clientFor(prismUrl, {});

    const { error } = await read(client, { prompt: 'Hi', index_ids: [7] as never });

    expect(error).toBeInstanceOf(UnprocessableEntityError);
    // Prism answers with the spec's one 422 example, whatever the violation.
    expect((error as Error).message).toBe(
      `422 Unprocessable Entity from ${TARGET}: body.prompt: Field required`,
    );
    expect(exchanges.map((e) => [e.requestBody, e.status, e.violations.map(describeViolation)])).toEqual([
      ['{"prompt":"Hi","index_ids":[7]}', 422, ['request index_ids[0] must be string']],
    ]);
  });

  it('a body without prompt or index_ids is refused before sending', async () => {
    const { client, exchanges } = clientFor(prismUrl, {});
    for (const params of [{ index_ids: [] }, { prompt: 'Hi' }, { prompt: 'Hi', index_ids: 'idx-1' }]) {
      const { error } = await read(client, params as never);
      expect(error).toBeInstanceOf(InvalidRequestError);
    }
    expect(exchanges).toEqual([]);
  });
});

// Two answers straight from Prism that once needed a workaround, kept as checks of the client: Prism sends a
// 4xx asked for with Prefer only to a request that accepts JSON, and sends an example without the blank line
// after its last event.
describe('Prism itself', () => {
  it('answers Prefer: code=404 with the 404, because the client accepts JSON for errors', async () => {
    const { client, exchanges } = clientFor(prismUrl, { Prefer: 'code=404' });

    const { error } = await read(client);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(exchanges.map((e) => e.status)).toEqual([404]);
  });

  it('sends the turn without the blank line after its last event, and the client still gets the stop event', async () => {
    const { client } = clientFor(prismUrl, { Prefer: 'code=200, example=turn' });
    const turn = eventsOf(String(responses.find((r) => r.example === 'turn')?.value));

    const { events, error } = await read(client);

    expect(error).toBeUndefined();
    expect(events).toEqual(turn);
  });
});
