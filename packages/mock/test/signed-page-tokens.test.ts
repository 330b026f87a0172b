// `page_token`s are signed with a key the mock keeps (in the --state file when there is one): a token the mock
// never gave out, even one in the same format as a real one, is the spec's 422 naming `page_token`; a real one
// pages on, across a restart with --state too.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_KEY, mockFor, runStandalone, tempDir, within } from './support.js';

const auth = { authorization: `Bearer ${API_KEY}` };

interface Page {
  items: { session_id: string }[];
  next_page_token: string | null;
}

async function page(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  const query = token === undefined ? '' : `&page_token=${encodeURIComponent(token)}`;
  const response = await fetch(`${url}/api/v1/chat?page_size=3${query}`, { headers: auth });
  return { status: response.status, body: await response.json() };
}

/** `real` with its cursor swapped for another (version 0, after the newest possible place), signature kept. */
function forge(real: string): string {
  const [prefix, , ...rest] = real.split('.');
  const payload = Buffer.from(JSON.stringify([0, 9_000_000_000_000_000, 'ses-forged'])).toString('base64url');
  return [prefix, payload, ...rest].join('.');
}

const refused = (token: string) => ({
  detail: [
    expect.objectContaining({
      loc: ['query', 'page_token'],
      type: 'unknown_page_token',
      input: token,
      msg: expect.stringContaining('not a next_page_token this mock gave out'),
    }),
  ],
});

describe('signed page tokens', () => {
  it('a forged token in a real one’s format is a 422 naming page_token; a real one pages on', async () => {
    const mock = await mockFor();
    const first = await page(mock.url);
    expect(first.status).toBe(200);
    const real = (first.body as Page).next_page_token as string;
    expect(real).toEqual(expect.any(String));

    const forged = forge(real);
    expect(forged).not.toBe(real);
    expect(await page(mock.url, forged)).toEqual({ status: 422, body: refused(forged) });

    const second = await page(mock.url, real);
    expect(second.status).toBe(200);
    const ids = (second.body as Page).items.map((item) => item.session_id);
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain((first.body as Page).items[0]?.session_id);
  });

  it('a token from another mock (another key) is a 422', async () => {
    const one = await mockFor();
    const other = await mockFor();
    const token = ((await page(one.url)).body as Page).next_page_token as string;
    expect(await page(other.url, token)).toEqual({ status: 422, body: refused(token) });
  });

  it('with --state, a token from before a restart still pages on, and a forged one is still refused', async () => {
    const state = join(await tempDir(), 'sessions.json');
    const first = runStandalone(['--port', '0', '--stream-gap', '0', '--state', state]);
    const url = await within(first.url, 150_000, 'the mock listening');
    const before = (await page(url)).body as Page;
    first.proc.kill('SIGTERM');
    await within(first.exited, 60_000, 'exit');

    const second = runStandalone(['--port', '0', '--stream-gap', '0', '--state', state]);
    const again = await within(second.url, 150_000, 'the mock listening again');
    const next = await page(again, before.next_page_token as string);
    expect(next.status).toBe(200);
    const ids = [...before.items, ...(next.body as Page).items].map((item) => item.session_id);
    expect(new Set(ids).size).toBe(6);
    const forged = forge(before.next_page_token as string);
    expect(await page(again, forged)).toEqual({ status: 422, body: refused(forged) });
    second.proc.kill('SIGTERM');
    await within(second.exited, 60_000, 'exit');
  });
});
