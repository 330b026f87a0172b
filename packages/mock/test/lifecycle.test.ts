// Prism as a component: it starts on a free port, answers, and leaves no process or port behind however the
// run ends; when it cannot start, the error is Prism's own.
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startPrism } from '../src/prism.js';

const child = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/prism-child.mjs');

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts Prism in a child process; the child is killed when the test ends, whatever happens. */
async function prismInChild() {
  const proc = fork(child, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  onTestFinished(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  const port = await new Promise<number>((resolve, reject) => {
    proc.once('message', (message) => resolve((message as { port: number }).port));
    proc.once('exit', (code) => reject(new Error(`Prism child exited with ${code}`)));
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    proc.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { proc, port, exited };
}

describe('Prism lifecycle', () => {
  it('listens on 127.0.0.1 and a free port, and frees it on close', async () => {
    const prism = await startPrism({ mode: 'mock' });
    onTestFinished(() => prism.close());

    expect(prism.url).toBe(`http://127.0.0.1:${prism.port}`);
    expect((await fetch(`${prism.url}/api/v1/chat`, { headers: { authorization: 'Bearer k' } })).status).toBe(
      200,
    );
    await prism.close();
    await prism.close();

    expect(await listening(prism.port)).toBe(false);
  });

  it('leaves no process and no port behind when the run is interrupted (SIGINT)', async () => {
    const { proc, port, exited } = await prismInChild();
    expect(await listening(port)).toBe(true);

    proc.kill('SIGINT');

    expect(await exited).toBe('SIGINT');
    expect(await listening(port)).toBe(false);
  });

  it('serves the example a page_token names, when asked to', async () => {
    const prism = await startPrism({ mode: 'mock', examplePerPageToken: true });
    onTestFinished(() => prism.close());
    const page = async (query: string) => {
      const response = await fetch(`${prism.url}/api/v1/chat${query}`, {
        headers: { authorization: 'Bearer k' },
      });
      return ((await response.json()) as { next_page_token: string | null }).next_page_token;
    };

    expect([
      await page(''),
      await page('?page_token=chain-page-2'),
      await page('?page_token=chain-page-3'),
    ]).toEqual(['chain-page-2', 'chain-page-3', null]);
    expect(await page('?page_token=not-an-example')).toBe('chain-page-2');
    await prism.close();
    expect(await listening(prism.port)).toBe(false);
  });

  it('two runs at once get ports of their own', async () => {
    const [a, b] = await Promise.all([prismInChild(), prismInChild()]);

    expect(a.port).not.toBe(b.port);
    expect([await listening(a.port), await listening(b.port)]).toEqual([true, true]);
  });

  it.each([
    ['a missing spec', 'missing.yaml', undefined, /Error opening file ".*missing\.yaml"/],
    [
      'a dangling $ref',
      'dangling-ref.yaml',
      'openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          $ref: "#/components/responses/Nope"\n',
      /token "components" in "#\/components\/responses\/Nope" does not exist/,
    ],
    ['not OpenAPI', 'not-openapi.yaml', 'hello: world\n', /Unsupported document format/],
  ])('fails to start on %s with Prism’s own message', async (_label, file, content, message) => {
    const spec = join(tmpdir(), `contract-${process.pid}-${file}`);
    if (content !== undefined) await writeFile(spec, content);

    await expect(startPrism({ mode: 'mock', spec })).rejects.toThrow(message);
  });
});
