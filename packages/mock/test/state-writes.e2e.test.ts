// `--state` under load and after a kill: writes are coalesced (one under way, the next carrying every change made
// meanwhile), so a burst of creates costs the mock no memory per create, and every create is in the file; a temp
// file a killed write left beside the state file is removed at the next start.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { API_KEY, runStandalone, tempDir, within } from './support.js';

const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

/** The peak resident memory of a process so far, in bytes (Linux's VmHWM). */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kb) * 1024;
}

/**
 * Creates a session over a connection of its own (`agent` keeps none alive), and resolves with its id. A kept-alive
 * connection reused between two bursts can meet the server closing it as idle on a loaded machine ("other side
 * closed"): a race of the client's, not something the mock did.
 */
function create(url: string, agent: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/chat`, { method: 'POST', headers: auth, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`create answered ${res.statusCode}: ${body}`));
        else resolve((JSON.parse(body) as { session_id: string }).session_id);
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

async function allIds(url: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | null = null;
  do {
    const query: string = token ? `&page_token=${encodeURIComponent(token)}` : '';
    const response = await fetch(`${url}/api/v1/chat?page_size=1000${query}`, { headers: auth });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      items: { session_id: string }[];
      next_page_token: string | null;
    };
    ids.push(...page.items.map((item) => item.session_id));
    token = page.next_page_token;
  } while (token);
  return ids;
}

async function stop(run: ReturnType<typeof runStandalone>) {
  run.proc.kill('SIGTERM');
  expect(await within(run.exited, 60_000, 'exit')).toEqual({ code: 0, signal: null });
}

describe('--state writes', () => {
  it('three bursts of 1,000 concurrent creates keep the mock under 300 MB, and every session is kept', async () => {
    const dir = await tempDir();
    const state = join(dir, 'sessions.json');
    const run = runStandalone(['--port', '0', '--stream-gap', '0', '--state', state]);
    const url = await within(run.url, 150_000, 'the mock listening');
    const pid = run.proc.pid as number;

    const created: string[] = [];
    const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    onTestFinished(() => agent.destroy());
    for (let burst = 0; burst < 3; burst += 1) {
      const answers = await within(
        Promise.all(Array.from({ length: 1000 }, () => create(url, agent))),
        180_000,
        `burst ${burst + 1} of 1,000 creates`,
      );
      created.push(...answers);
      // Each create was answered only once a write holding it was on disk.
      const file = JSON.parse(await readFile(state, 'utf8')) as {
        sessions: { session: { session_id: string } }[];
      };
      const inFile = new Set(file.sessions.map((s) => s.session.session_id));
      expect(answers.filter((id) => !inFile.has(id))).toEqual([]);
    }
    const peak = await peakRss(pid);
    expect(peak).toBeLessThan(300 * 1024 * 1024);
    expect(new Set(created).size).toBe(3000);
    await stop(run);

    // Nothing lost: the file holds all 3,000 (and the 8 seeded), and a restarted mock lists them.
    const file = JSON.parse(await readFile(state, 'utf8')) as { sessions: unknown[] };
    expect(file.sessions).toHaveLength(3008);
    const again = runStandalone(['--port', '0', '--stream-gap', '0', '--state', state]);
    const listed = await allIds(await within(again.url, 150_000, 'the restarted mock listening'));
    expect(listed).toHaveLength(3008);
    expect(created.filter((id) => !listed.includes(id))).toEqual([]);
    await stop(again);
    expect(await readdir(dir)).toEqual(['sessions.json']);
  }, 600_000);

  it('removes a temp file a killed write left beside the state file, and loads the state', async () => {
    const dir = await tempDir();
    const state = join(dir, 'sessions.json');
    const first = runStandalone(['--port', '0', '--stream-gap', '0', '--state', state]);
    const url = await within(first.url, 150_000, 'the mock listening');
    const response = await fetch(`${url}/api/v1/chat`, { method: 'POST', headers: auth, body: '{}' });
    const { session_id } = (await response.json()) as { session_id: string };
    // Killed as a write could be, between writing its temp file and renaming it.
    first.proc.kill('SIGKILL');
    await within(first.exited, 60_000, 'the kill');
    // Named as the mock names its temp files, by a process id above Linux's largest (2^22), so never running.
    const leftover = join(dir, `.sessions.json.${2 ** 22 + 7}.3.tmp`);
    await writeFile(leftover, '{"version": 9, "sess', 'utf8');
    const unrelated = join(dir, 'notes.tmp');
    await writeFile(unrelated, 'mine', 'utf8');

    const second = runStandalone(['--port', '0', '--stream-gap', '0', '--state', state]);
    const again = await within(second.url, 150_000, 'the mock listening again');
    expect((await readdir(dir)).sort()).toEqual(['notes.tmp', 'sessions.json']);
    expect(await allIds(again)).toContain(session_id);
    await stop(second);
  });
});
