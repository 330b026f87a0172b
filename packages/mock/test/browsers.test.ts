// A browser app on any origin can call the mock: preflights are answered, every answer names the caller's
// origin, and the headers a client reads are exposed to its script.
import { describe, expect, it } from 'vitest';
import { mockFor } from './support.js';

const ORIGIN = 'http://localhost:5173';

describe('CORS', () => {
  it('answers a preflight for any path with the API’s methods and the headers the browser asks for', async () => {
    const mock = await mockFor();

    for (const path of ['/api/v1/chat', '/api/v1/chat/ses-abc123/messages/stream']) {
      const response = await fetch(`${mock.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, x-mock-fault',
        },
      });

      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'authorization, content-type, x-mock-fault',
      );
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(await response.text()).toBe('');
    }
  });

  it('every answer, an error or a stream too, names the origin and exposes Retry-After and the request id', async () => {
    const mock = await mockFor();
    const headers = { origin: ORIGIN, authorization: 'Bearer k' };

    const answers = await Promise.all([
      fetch(`${mock.url}/api/v1/chat`, { headers }),
      fetch(`${mock.url}/api/v1/chat`, { headers: { origin: ORIGIN } }),
      fetch(`${mock.url}/api/v1/chat`, { headers: { ...headers, 'x-mock-fault': '429' } }),
      fetch(`${mock.url}/api/v1/chat/ses-abc123/messages/stream`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Hi', index_ids: [] }),
      }),
    ]);

    expect(answers.map((r) => r.status)).toEqual([200, 401, 429, 200]);
    for (const response of answers) {
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(response.headers.get('vary')).toBe('Origin');
      expect(response.headers.get('access-control-expose-headers')?.split(', ')).toEqual(
        expect.arrayContaining(['retry-after', 'x-request-id']),
      );
      expect(response.headers.get('x-request-id')).toMatch(/^req-\d+$/);
      await response.arrayBuffer();
    }
  });

  it('a request with no Origin (curl, a server) gets *', async () => {
    const mock = await mockFor();

    const response = await fetch(`${mock.url}/api/v1/chat`, { headers: { authorization: 'Bearer k' } });

    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
