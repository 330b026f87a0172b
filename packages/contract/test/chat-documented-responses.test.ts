// Every response the spec documents for the chat resource's JSON operations (create, retrieve, getSummary,
// delete), fetched from the Prism mock through client.beta.chat and decoded to exactly the spec's example; and
// how the client surfaces each error. The client asks for each response itself, as any caller could, with a
// `Prefer` header in its `defaultHeaders` (`code=404`, `code=201, example=created-unbound`).
import LlamaCloud, {
  type APIPromise,
  AuthenticationError,
  InvalidRequestError,
  NotFoundError,
  UnprocessableEntityError,
} from '@llamacloud-chat/client';
import { describe, expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';
import { describeViolation } from '../src/violations.js';
import { documentedResponses, operations } from './support/spec.js';

// Prism itself: the built-in mock's front only steers listings.
const baseUrl = inject('prismUrl');
const apiKey = 'llx-contract-mock-key';
const SESSION_ID = 'ses-abc123';

interface Operation {
  method: string;
  path: string;
  /** The request as the spec's URL for messages: `GET /api/v1/chat/ses-abc123`. */
  target: string;
  call(client: LlamaCloud): APIPromise<unknown>;
}

const chatOperations: Record<string, Operation> = {
  create: {
    method: 'POST',
    path: '/api/v1/chat',
    target: 'POST /api/v1/chat',
    call: (client) => client.beta.chat.create({ index_ids: ['idx-abc123', 'idx-def456'] }),
  },
  retrieve: {
    method: 'GET',
    path: '/api/v1/chat/{session_id}',
    target: `GET /api/v1/chat/${SESSION_ID}`,
    call: (client) => client.beta.chat.retrieve(SESSION_ID),
  },
  getSummary: {
    method: 'GET',
    path: '/api/v1/chat/{session_id}/summary',
    target: `GET /api/v1/chat/${SESSION_ID}/summary`,
    call: (client) => client.beta.chat.getSummary(SESSION_ID),
  },
  delete: {
    method: 'DELETE',
    path: '/api/v1/chat/{session_id}',
    target: `DELETE /api/v1/chat/${SESSION_ID}`,
    call: (client) => client.beta.chat.delete(SESSION_ID),
  },
};

/** How the client surfaces each documented error status. */
const ERRORS = {
  401: { class: AuthenticationError, kind: 'authentication', reason: 'Unauthorized' },
  404: { class: NotFoundError, kind: 'not_found', reason: 'Not Found' },
  422: { class: UnprocessableEntityError, kind: 'unprocessable_entity', reason: 'Unprocessable Entity' },
} as const;

/** What each error example says, as the one line the client's message ends with. */
const DETAILS: Record<string, string> = {
  '401': 'Invalid API key',
  '404': 'Chat session ses-missing not found',
  '422':
    'query.project_id: Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `p` at 1',
  '422 invalid-index-ids': 'body.index_ids: Input should be a valid list',
  '422 missing-body': 'body: Field required',
};

const cases = Object.entries(chatOperations).flatMap(([name, operation]) =>
  documentedResponses(operation.path, operation.method).map((response) => ({ name, operation, ...response })),
);

const label = (status: number, example: string | undefined) => `${status}${example ? ` ${example}` : ''}`;

it('the JSON operations are list and these four; only the stream answers with anything but JSON', () => {
  const json = operations
    .filter((o) => o.successTypes.every((type) => type === 'application/json'))
    .map((o) => `${o.method} ${o.path}`);
  expect(json).toEqual([
    'GET /api/v1/chat',
    ...['create', 'retrieve', 'delete', 'getSummary'].map(
      (name) => `${chatOperations[name]?.method} ${chatOperations[name]?.path}`,
    ),
  ]);
  expect(operations.filter((o) => !json.includes(`${o.method} ${o.path}`))).toEqual([
    {
      method: 'POST',
      path: '/api/v1/chat/{session_id}/messages/stream',
      successTypes: ['text/event-stream'],
    },
  ]);
});

it('every documented response of the four is here, each example once', () => {
  const listed = Object.fromEntries(
    Object.keys(chatOperations).map((name) => [
      name,
      cases.filter((c) => c.name === name).map((c) => label(c.status, c.example)),
    ]),
  );
  expect(listed).toEqual({
    create: [
      '200',
      '201 created-bound',
      '201 created-unbound',
      '401',
      '422 invalid-index-ids',
      '422 missing-body',
    ],
    retrieve: ['200 one-turn', '200 new-session', '200 failed-turn', '401', '404', '422'],
    getSummary: ['200 after-one-turn', '200 not-run-yet', '401', '404', '422'],
    delete: ['204', '401', '404', '422'],
  });
});

describe('each documented response, asked for with Prefer, decodes to exactly its example', () => {
  it.each(cases.map((c) => [`${c.name} ${label(c.status, c.example)}`, c] as const))(
    '%s',
    async (_label, { operation, status, example, value }) => {
      const prefer = `code=${status}${example ? `, example=${example}` : ''}`;
      const harness = createHarness();
      const client = new LlamaCloud({
        apiKey,
        baseUrl,
        fetch: harness.fetch,
        defaultHeaders: { Prefer: prefer },
      });

      // A success is read with withResponse() for its status; an error is awaited from the call itself, as
      // withResponse() on a call that fails leaves the call's own promise rejected with no handler.
      const outcome =
        status < 300
          ? await operation.call(client).withResponse()
          : await operation.call(client).catch((error: unknown) => error);

      // One request (no error here is retried), answered as asked, and nothing Prism calls a violation.
      expect(harness.exchanges.map((e) => [e.method, e.status, e.violations.map(describeViolation)])).toEqual(
        [[operation.method, status, []]],
      );
      if (status < 300) {
        const { data, response } = outcome as { data: unknown; response: Response };
        expect(response.status).toBe(status);
        if (value === undefined) {
          // A 204: no body, and the call resolves to undefined.
          expect(data).toBeUndefined();
          expect(harness.exchanges[0]?.contentType).toBeNull();
        } else {
          expect(data).toEqual(value);
        }
        return;
      }
      const expected = ERRORS[status as keyof typeof ERRORS];
      expect(outcome).toBeInstanceOf(expected.class);
      const error = outcome as InstanceType<typeof expected.class>;
      expect(error.kind).toBe(expected.kind);
      expect(error.status).toBe(status);
      expect(error.body).toEqual(value);
      expect(error.attempts).toBe(1);
      const detail = DETAILS[label(status, example)] ?? DETAILS[String(status)];
      expect(error.message).toBe(`${status} ${expected.reason} from ${operation.target}: ${detail}`);
    },
  );
});

describe("the 401 from Prism's own security check, through the client", () => {
  const unauthorized = documentedResponses('/api/v1/chat/{session_id}', 'GET').find((r) => r.status === 401);

  it.each(
    Object.entries(chatOperations).flatMap(([name, operation]) => [
      [`${name} with no Authorization header`, operation, null] as const,
      [`${name} with a Basic instead of a Bearer scheme`, operation, 'Basic bGxhbWE6Y2xvdWQ='] as const,
    ]),
  )('%s', async (_label, operation, authorization) => {
    const harness = createHarness();
    // `defaultHeaders` replaces (a string) or removes (null) the Authorization header the client would send.
    const client = new LlamaCloud({
      apiKey,
      baseUrl,
      fetch: harness.fetch,
      defaultHeaders: { Authorization: authorization },
    });

    const error = await operation.call(client).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).body).toEqual(unauthorized?.value);
    expect((error as Error).message).toBe(`401 Unauthorized from ${operation.target}: Invalid API key`);
    expect(harness.exchanges.map((e) => [e.status, e.violations.map(describeViolation)])).toEqual([
      [401, ['request: Invalid security scheme used']],
    ]);
  });
});

it('a create body the types forbid is refused by the client; sent by path, Prism’s 422 surfaces as an UnprocessableEntityError with the detail list', async () => {
  const harness = createHarness();
  const client = new LlamaCloud({ apiKey, baseUrl, fetch: harness.fetch });

  const refused = await client.beta.chat
    .create({ index_ids: 'idx-abc123' as never })
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(InvalidRequestError);
  expect(harness.exchanges).toEqual([]);
  const error = await client
    .post('/api/v1/chat', { body: { index_ids: 'idx-abc123' } })
    .catch((e: unknown) => e);

  expect(error).toBeInstanceOf(UnprocessableEntityError);
  expect((error as UnprocessableEntityError).body).toEqual(
    documentedResponses('/api/v1/chat', 'POST').find((r) => r.example === 'invalid-index-ids')?.value,
  );
  expect((error as Error).message).toBe(
    '422 Unprocessable Entity from POST /api/v1/chat: body.index_ids: Input should be a valid list',
  );
  expect(
    harness.exchanges.map((e) => [e.requestBody, e.status, e.violations.map(describeViolation)]),
  ).toEqual([['{"index_ids":"idx-abc123"}', 422, ['request index_ids must be array or null']]]);
});
