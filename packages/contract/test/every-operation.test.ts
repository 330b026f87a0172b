// Generated from the catalog, not written per operation: every operation of the spec and every status it declares,
// played against Prism (asked for with `Prefer: code=…`) and, for what a stateful server can be made to answer,
// against the built-in mock. Each answer must have the status asked for and a body (or every event of a stream)
// that the spec's schema for that status allows; Prism must find nothing wrong with the request. An operation
// added to the spec is played here with no code written.
import { type CatalogEntry, catalog, type JsonSchema } from '@llamacloud-chat/client/catalog';
import { type RunningMock, startMock } from '@llamacloud-chat/mock';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHarness } from '../src/harness.js';
import { invalidRequest, sampleBody } from '../src/sample-request.js';
import { describeViolation } from '../src/violations.js';

const KEY = 'llx-contract-every-operation';
const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true });

/** The schema's problems with `value`, in words; none when it allows it. */
function problems(schema: JsonSchema | null, value: unknown): string[] {
  if (!schema) return value === undefined || value === '' ? [] : ['a body where the spec has none'];
  const validate = ajv.compile(schema);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}`);
}

/** The body of `response`, checked against the spec's schema for its status (every event, for a stream). */
async function answerProblems(entry: CatalogEntry, response: Response): Promise<string[]> {
  const declared = entry.schemas.responses[String(response.status)];
  if (!declared) return [`status ${response.status} is not declared`];
  const text = await response.text();
  if (declared.mediaType === 'text/event-stream') {
    const events = [...text.matchAll(/^data: ?(.*)$/gm)].map(([, data]) => JSON.parse(data ?? 'null'));
    if (events.length === 0) return ['a stream with no events'];
    return events.flatMap((event, i) =>
      problems(entry.schemas.event, event).map((p) => `event ${i + 1}: ${p}`),
    );
  }
  return problems(declared.schema, text === '' ? undefined : JSON.parse(text));
}

function urlOf(
  base: string,
  entry: CatalogEntry,
  sessionId: string,
  query: Record<string, string> = {},
): string {
  const url = new URL(entry.path.replace(/\{[^}]+\}/g, encodeURIComponent(sessionId)), base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}

const json = (body: unknown) =>
  body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };

describe.each(catalog.map((entry) => [entry.operationId, entry] as const))('%s', (_id, entry) => {
  describe.each(entry.statuses)('%s', (status) => {
    it('from Prism: the status asked for, with a body the spec allows for it', async () => {
      // Prism answers an error with JSON only to a request that accepts it.
      const harness = createHarness({
        prefer: `code=${status}`,
        ...(status.startsWith('2') ? {} : { accept: 'application/json' }),
      });
      const body = sampleBody(entry);
      const response = await harness.fetch(urlOf(inject('baseUrl'), entry, 'ses-abc123'), {
        method: entry.method,
        ...json(body),
        headers: {
          authorization: `Bearer ${KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      });

      expect(response.status).toBe(Number(status));
      expect(await answerProblems(entry, response)).toEqual([]);
      expect(harness.exchanges.flatMap((e) => e.violations).map(describeViolation)).toEqual([]);
    });
  });
});

describe('the built-in mock, for every operation', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ streamGapMs: 0 });
  });
  afterAll(() => mock?.close());

  /** A fresh session to act on, so a delete takes nothing from another test. */
  async function freshSession(): Promise<string> {
    const response = await fetch(`${mock.url}/api/v1/chat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      body: '{}',
    });
    return ((await response.json()) as { session_id: string }).session_id;
  }

  const send = async (
    entry: CatalogEntry,
    init: { sessionId?: string; key?: boolean; query?: Record<string, string>; body?: unknown },
  ) => {
    const harness = createHarness();
    const sessionId = init.sessionId ?? (entry.path.includes('{') ? await freshSession() : '');
    return harness.fetch(urlOf(mock.url, entry, sessionId, init.query), {
      method: entry.method,
      ...json(init.body),
      headers: {
        ...(init.key === false ? {} : { authorization: `Bearer ${KEY}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
  };

  it.each(catalog.map((entry) => [entry.operationId, entry] as const))(
    '%s: its success, a 401 without a key, a 404 for a session it does not have, a 422 for a bad request',
    async (_id, entry) => {
      const success = await send(entry, { body: sampleBody(entry) });
      expect(entry.statuses).toContain(String(success.status));
      expect(success.status).toBeLessThan(300);
      expect(await answerProblems(entry, success)).toEqual([]);

      if (entry.statuses.includes('401')) {
        const unauthorized = await send(entry, { key: false, body: sampleBody(entry) });
        expect(unauthorized.status).toBe(401);
        expect(await answerProblems(entry, unauthorized)).toEqual([]);
      }
      if (entry.statuses.includes('404') && entry.path.includes('{')) {
        const missing = await send(entry, { sessionId: 'ses-not-in-the-mock', body: sampleBody(entry) });
        expect(missing.status).toBe(404);
        expect(await answerProblems(entry, missing)).toEqual([]);
      }
      const invalid = invalidRequest(entry);
      if (entry.statuses.includes('422') && invalid) {
        const refused = await send(entry, invalid);
        expect(refused.status).toBe(422);
        expect(await answerProblems(entry, refused)).toEqual([]);
      }
    },
  );
});
