// `npx -y pnpm@10.34.9 web` (dist/relay/main.js): prints the page's URL, serves the page and the relay with the
// built-in mock behind it when no key is set, with headers that forbid framing and sniffing, and stops on SIGTERM
// with exit 0; a bad --port is refused before anything starts.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'relay', 'main.js');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]) {
  const env = { ...process.env };
  delete env.LLAMA_CLOUD_API_KEY;
  const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  return { child, out: () => stdout, err: () => stderr };
}

describe('the web command', () => {
  it('prints the URL of a page whose relay answers from the built-in mock', async () => {
    const web = run([]);
    const url = await new Promise<string>((resolve, reject) => {
      web.child.stdout?.on('data', () => {
        const found = /^Chat page: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(web.out());
        if (found?.[1]) resolve(found[1]);
      });
      web.child.once('exit', (code) => reject(new Error(`exited with ${code}: ${web.err()}`)));
    });
    expect(web.err()).toMatch(
      /The relay talks to the built-in mock at http:\/\/127\.0\.0\.1:\d+, because LLAMA_CLOUD_API_KEY is not set\./,
    );
    const html = await fetch(url);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('<label for="prompt">Message</label>');
    // The page may reach its own origin (the relay) and nothing else.
    expect(html.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html.headers.get('content-security-policy')).toContain("connect-src 'self'");
    // No other site may frame it, sniff its files or learn its address from a Referer.
    expect(html.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(html.headers.get('x-frame-options')).toBe('DENY');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    expect(html.headers.get('referrer-policy')).toBe('no-referrer');
    const sessions = (await (await fetch(`${url}/api/v1/chat`)).json()) as { items: unknown[] };
    expect(sessions.items.length).toBeGreaterThan(0);
    web.child.kill('SIGTERM');
    const [code] = await once(web.child, 'exit');
    expect(code).toBe(0);
  });

  it('refuses a --port that is not a port, with exit 2', async () => {
    const web = run(['--port', 'eighty']);
    const [code] = await once(web.child, 'exit');
    expect(code).toBe(2);
    expect(web.err()).toBe('--port must be a port number from 0 to 65535; got "eighty"\n');
  });
});
