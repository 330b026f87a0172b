// The line the page shows for each way a call can fail: what happened and what to do, never a stack.
import {
  AbortedError,
  APIError,
  AuthenticationError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  StreamInterruptedError,
  TimeoutError,
} from '@llamacloud-chat/client';
import { describe, expect, it } from 'vitest';
import { errorLine } from '../src/page/error-line.js';

const source = (status: number, body: unknown) => ({
  target: 'GET /api/v1/chat/ses-gone' as const,
  status,
  body,
  headers: new Headers(),
  attempts: 1,
});

describe('errorLine', () => {
  it('says a session is gone on a 404', () => {
    expect(
      errorLine(
        new NotFoundError(source(404, { detail: 'Chat session ses-gone not found' })),
        'open the session',
      ),
    ).toBe(
      'Could not open the session: it no longer exists (404). It may have been deleted elsewhere; reload the list.',
    );
  });

  it('says a turn was cut off', () => {
    const error = new StreamInterruptedError({
      target: 'POST /api/v1/chat/s/messages/stream',
      eventsReceived: 3,
      reason: 'the server closed the stream before the turn ended',
    });
    expect(errorLine(error, 'send the prompt')).toBe(
      'The answer was cut off: the connection closed before the turn ended. Send the prompt again to retry.',
    );
  });

  it('says the API is not answering on a 502 or 504 from the relay', () => {
    const error = new InternalServerError(source(502, { detail: 'The chat API could not be reached. …' }));
    expect(errorLine(error, 'list the sessions')).toBe(
      'Could not list the sessions: the chat API is not answering (502). Try again in a moment.',
    );
  });

  it("says the page's own server is down when nothing answers", () => {
    const error = new ConnectionError({
      target: 'GET /api/v1/chat',
      cause: new TypeError('Failed to fetch'),
    });
    expect(errorLine(error, 'list the sessions')).toBe(
      "Could not list the sessions: the page's server is not reachable. Is it still running? Start it again and reload.",
    );
  });

  it("names the server's key, not the page, on a 401", () => {
    expect(
      errorLine(new AuthenticationError(source(401, { detail: 'Invalid API key' })), 'list the sessions'),
    ).toContain("the API refused the server's key (401). Check LLAMA_CLOUD_API_KEY where the relay runs.");
  });

  it("quotes the server's detail for other statuses, and a stop is just Stopped.", () => {
    expect(errorLine(new APIError(source(418, { detail: 'I am a teapot' })), 'create a session')).toBe(
      'Could not create a session: the server answered 418 (I am a teapot).',
    );
    expect(
      errorLine(new AbortedError({ target: 'POST /api/v1/chat/s/messages/stream' }), 'send the prompt'),
    ).toBe('Stopped.');
    expect(
      errorLine(new TimeoutError({ target: 'GET /api/v1/chat', timeoutMs: 60_000 }), 'list the sessions'),
    ).toBe('Could not list the sessions: the server took too long to answer.');
  });

  it('keeps only the first line of anything else', () => {
    const error = new Error('boom\n    at somewhere (file.js:1:1)');
    expect(errorLine(error, 'open the session')).toBe('Could not open the session: boom');
  });
});
