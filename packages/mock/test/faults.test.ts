// Faults an app's tests ask for with the `x-mock-fault` header: a turn cut off after n events, an answer that
// never comes, a 429 with Retry-After, a 503. Each is seen through the real client, as the app would see it.
import {
  ConnectionError,
  InternalServerError,
  RateLimitError,
  StreamInterruptedError,
  TimeoutError,
} from '@llamacloud-chat/client';
import { describe, expect, it, vi } from 'vitest';
import type { StreamEnd } from '../src/index.js';
import { clientFor, mockFor, SETTLE } from './support.js';

const auth = { authorization: 'Bearer k' };
const fault = (value: string) => ({ defaultHeaders: { 'x-mock-fault': value } });
const TURN = { prompt: 'What changed in Q4?', index_ids: [] };

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('x-mock-fault', () => {
  it('drop-after=3: the turn is cut off after 3 events; the mock kept the turn, as a server that ran it would', async () => {
    const ends: StreamEnd[] = [];
    const mock = await mockFor({ onStreamEnd: (end) => ends.push(end) });
    const client = clientFor(mock, fault('drop-after=3'));

    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of client.beta.chat.stream('ses-chain-004', TURN))
          seen.push(String(event.type));
      })(),
    );

    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect(seen).toEqual(['user_input', 'thinking_delta', 'thinking']);
    await vi.waitFor(() => expect(ends).toMatchObject([{ events: 9, sent: 3, complete: false }]), SETTLE);
    const kept = await clientFor(mock).beta.chat.retrieve('ses-chain-004');
    expect(kept.events).toHaveLength(9);
    expect(kept.events[0]).toEqual({ type: 'user_input', content: TURN.prompt });
  });

  it('drop-after on a JSON answer cuts the connection instead of answering; the create still happened', async () => {
    const mock = await mockFor();

    const error = await rejection(
      clientFor(mock, fault('drop-after=0')).beta.chat.create({ index_ids: ['idx-x'] }),
    );

    expect(error).toBeInstanceOf(ConnectionError);
    const first = await clientFor(mock).beta.chat.list({ page_size: 1 });
    expect(first.items[0]?.index_ids).toEqual(['idx-x']);
  });

  it('stall: the turn’s headers, then silence, until the caller gives up', async () => {
    const ends: StreamEnd[] = [];
    const mock = await mockFor({ onStreamEnd: (end) => ends.push(end) });
    const client = clientFor(mock, fault('stall'));

    const error = await rejection(
      (async () => {
        for await (const _ of client.beta.chat.stream('ses-abc123', TURN, { timeout: 400 }));
      })(),
    );

    expect(error).toBeInstanceOf(TimeoutError);
    await vi.waitFor(() => expect(ends).toMatchObject([{ events: 9, sent: 0, complete: false }]), SETTLE);
  });

  it('stall on a JSON answer: no answer at all', async () => {
    const mock = await mockFor();

    const error = await rejection(
      clientFor(mock, fault('stall')).beta.chat.retrieve('ses-abc123', {}, { timeout: 400 }),
    );

    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('429;retry-after=2: a 429 with Retry-After: 2, and nothing done', async () => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}/api/v1/chat`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'x-mock-fault': '429;retry-after=2' },
      body: '{}',
    });
    const error = await rejection(clientFor(mock, fault('429; retry-after=2')).beta.chat.create());

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ detail: 'Too Many Requests (asked for with x-mock-fault)' });
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(2_000);
    // Neither create happened.
    expect((await clientFor(mock).beta.chat.list({ page_size: 1 })).items[0]?.session_id).toBe('ses-ghi789');
  });

  it('429 alone says Retry-After: 1', async () => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}/api/v1/chat`, { headers: { ...auth, 'x-mock-fault': '429' } });

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('503: a 503 without Retry-After, and with one when asked', async () => {
    const mock = await mockFor();

    const plain = await fetch(`${mock.url}/api/v1/chat`, { headers: { ...auth, 'x-mock-fault': '503' } });
    const timed = await fetch(`${mock.url}/api/v1/chat`, {
      headers: { ...auth, 'x-mock-fault': '503;retry-after=5' },
    });
    const error = await rejection(clientFor(mock, fault('503')).beta.chat.retrieve('ses-abc123'));

    expect(plain.status).toBe(503);
    expect(plain.headers.get('retry-after')).toBeNull();
    expect(await plain.json()).toEqual({ detail: 'Service Unavailable (asked for with x-mock-fault)' });
    expect(timed.headers.get('retry-after')).toBe('5');
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
  });

  it('a fault it cannot read is a 400 that lists the faults it can', async () => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}/api/v1/chat`, {
      headers: { ...auth, 'x-mock-fault': 'explode' },
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      detail:
        'x-mock-fault: cannot read "explode"; use drop-after=<n>, stall, 429[;retry-after=<s>] or 503[;retry-after=<s>]',
    });
  });
});
