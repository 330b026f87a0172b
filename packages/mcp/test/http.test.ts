// What the Streamable HTTP transport refuses before any MCP message is read: no token or a wrong one (401), a
// foreign Host (421: a page that rebinds its name to 127.0.0.1), a foreign Origin (403). Each is JSON-RPC's error
// shape and names no token; the API behind the server gets nothing.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiMock, KEY, overHttp } from './support.js';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});

/** A raw POST to the endpoint, with the headers given (Host included, which fetch cannot set). */
function post(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          host: target.host,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += String(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(INITIALIZE);
  });
}

describe('the HTTP transport', () => {
  it('answers 401 without the bearer token or with a wrong one, and 200 with it', async () => {
    const api = await apiMock();
    const { url } = await overHttp(
      { LLAMA_CLOUD_BASE_URL: api.mock.url, LLAMA_CLOUD_API_KEY: KEY },
      'a-token-set-at-start',
    );

    const none = await post(url, {});
    const wrong = await post(url, { authorization: 'Bearer not-the-token' });
    const right = await post(url, { authorization: 'Bearer a-token-set-at-start' });

    expect([none.status, wrong.status, right.status]).toEqual([401, 401, 200]);
    expect(JSON.parse(none.body)).toEqual({
      jsonrpc: '2.0',
      error: {
        code: -32000,
        message: 'Send the bearer token this server was started with: Authorization: Bearer <token>.',
      },
      id: null,
    });
    expect(none.body + wrong.body).not.toContain('a-token-set-at-start');
  });

  it('refuses a foreign Host with 421 and a foreign Origin with 403, token or not; its own are answered', async () => {
    const api = await apiMock();
    const { url, server } = await overHttp({ LLAMA_CLOUD_BASE_URL: api.mock.url, LLAMA_CLOUD_API_KEY: KEY });
    const port = new URL(server.url as string).port;
    const auth = { authorization: `Bearer ${KEY}` };

    const rebound = await post(url, { ...auth, host: `attacker.example:${port}` });
    const foreign = await post(url, { ...auth, origin: 'https://attacker.example' });
    const otherPort = await post(url, { ...auth, origin: 'http://127.0.0.1:1' });
    const own = await post(url, { ...auth, host: `localhost:${port}`, origin: `http://localhost:${port}` });

    expect([rebound.status, foreign.status, otherPort.status, own.status]).toEqual([421, 403, 403, 200]);
    expect(JSON.parse(rebound.body).error.message).toBe(
      `This server answers to 127.0.0.1:${port}, localhost:${port}, [::1]:${port} only, not to Host "attacker.example:${port}".`,
    );
    expect(api.requests).toEqual([]);
  });
});
