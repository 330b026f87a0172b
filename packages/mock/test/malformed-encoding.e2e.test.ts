// Malformed percent-encoding in a request target (`%FF`, `%`, `%zz`, in the path or the query) is a 404 or a 422
// in the spec's shape, from the built-in mock (in-process and the standalone process) and from Prism's mock and
// proxy (run in a child process, which Prism's uncaught URIError used to end); each server still answers after.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { API_KEY, mockFor, runStandalone, within } from './support.js';

const auth = { authorization: `Bearer ${API_KEY}` };

/** Targets whose path cannot be decoded: no session can have such an id, so a 404. */
const BAD_PATHS = [
  ['GET', '/api/v1/chat/%FF'],
  ['GET', '/api/v1/chat/%'],
  ['GET', '/api/v1/chat/%zz'],
  ['GET', '/api/v1/chat/%zz/summary'],
  ['DELETE', '/api/v1/chat/%E2%82'],
] as const;

/** Targets whose query cannot be decoded: a 422 naming the parameter. */
const BAD_QUERIES = [
  ['/api/v1/chat?page_token=%zz', 'page_token'],
  ['/api/v1/chat?page_size=%FF', 'page_size'],
  ['/api/v1/chat/ses-abc123?project_id=%', 'project_id'],
] as const;

/** Sends `target` as it is (fetch and URL would re-encode it) and reads the JSON answer. */
function raw(base: string, method: string, target: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    {
      const url = new URL(base);
      const req = request(
        { host: url.hostname, port: url.port, method, path: target, headers: auth },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => {
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {}
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.end();
    }
  });
}

/** Every malformed target gets the spec's 404 or 422, and then a good request is still answered. */
async function expectRefusedThenServing(base: string, what: string) {
  for (const [method, target] of BAD_PATHS) {
    const answer = await within(raw(base, method, target), 60_000, `${what}: ${method} ${target}`);
    expect(answer.status, `${what}: ${method} ${target}`).toBe(404);
    expect(answer.body, `${what}: ${method} ${target}`).toEqual({ detail: expect.any(String) });
  }
  for (const [target, name] of BAD_QUERIES) {
    const answer = await within(raw(base, 'GET', target), 60_000, `${what}: GET ${target}`);
    expect(answer.status, `${what}: GET ${target}`).toBe(422);
    expect(answer.body, `${what}: GET ${target}`).toEqual({
      detail: [
        expect.objectContaining({ loc: ['query', name], msg: expect.any(String), type: expect.any(String) }),
      ],
    });
  }
  const good = await within(raw(base, 'GET', '/api/v1/chat?page_size=1'), 60_000, `${what}: a good request`);
  expect(good.status, `${what}: a good request after the bad ones`).toBe(200);
}

const PRISM_SERVERS = join(dirname(fileURLToPath(import.meta.url)), 'prism-servers.mjs');

describe('malformed percent-encoding', () => {
  it('the built-in mock answers 404 or 422 in the spec shape, then serves on', async () => {
    const mock = await mockFor();
    await expectRefusedThenServing(mock.url, 'the mock');
  });

  it('the standalone mock process answers 404 or 422, then serves on', async () => {
    const run = runStandalone(['--port', '0', '--stream-gap', '0']);
    const url = await within(run.url, 150_000, 'the mock listening');
    await expectRefusedThenServing(url, 'the standalone mock');
    expect(run.proc.exitCode).toBeNull();
  });

  it('Prism’s mock and proxy answer 404 or 422 without Prism seeing the request, and stay up', async () => {
    const child = spawn(process.execPath, [PRISM_SERVERS], { stdio: ['ignore', 'pipe', 'pipe'] });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const exited = new Promise<string>((resolve) =>
      child.once('close', (code, signal) => resolve(`exited (${signal ?? code}):\n${output}`)),
    );
    const urls = await within(
      new Promise<Record<string, string>>((resolve, reject) => {
        child.stdout.on('data', () => {
          const line = output.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line) as Record<string, string>);
        });
        void exited.then((why) => reject(new Error(`the Prism servers ${why}`)));
      }),
      180_000,
      'the Prism servers listening',
    );
    for (const [name, url] of Object.entries(urls)) {
      if (name === 'mock') continue;
      await expectRefusedThenServing(url, name);
      expect(child.exitCode, `the Prism process after ${name}: ${output}`).toBeNull();
    }
    child.kill('SIGTERM');
    expect(await within(exited, 60_000, 'the Prism servers stopping')).toMatch(/^exited \(0\)/);
  });
});
