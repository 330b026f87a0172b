// Scenario 7, "mock start": how long the standalone mock takes from spawn to its first answered request (a
// list), against the mock it replaced (Prism behind the page-token front, started the same way) in the same
// run. Each start is a fresh process; the figure is the median.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type MockStarter = 'this mock' | 'Prism-based mock (before)';

const here = dirname(fileURLToPath(import.meta.url));

/** The command line that starts each mock on a free port and prints `listening on <url>`. */
export function starterArgs(name: MockStarter): string[] {
  return name === 'this mock'
    ? [fileURLToPath(import.meta.resolve('@llamacloud-chat/mock/serve')), '--port', '0']
    : [join(here, 'prism-mock-child.js')];
}

/** Milliseconds from spawning `name` to the answer of its first request; the process is killed after it. */
export function timeMockStart(name: MockStarter): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, starterArgs(name), { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let done = false;
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`${name} exited (${code}) before answering:\n${out}`));
    });
    child.stdout.setEncoding('utf8').on('data', async (chunk: string) => {
      out += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (!url || done) return;
      done = true;
      try {
        const response = await fetch(`${url}/api/v1/chat`, { headers: { authorization: 'Bearer bench' } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
        resolve(performance.now() - started);
      } catch (error) {
        reject(error);
      } finally {
        child.kill('SIGKILL');
      }
    });
  });
}
