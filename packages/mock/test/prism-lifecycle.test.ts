// The mock as a component: Prism and the page-token front on 127.0.0.1, and close() stops both, requests in
// flight included; when it cannot start, it says why and leaves nothing running.
import { writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startPrism, startPrismMock } from '../src/index.js';
import { listening, tempDir, within } from './support.js';

const auth = { headers: { authorization: 'Bearer k' } };

describe('startPrismMock', () => {
  it('answers on 127.0.0.1, and close() closes both its port and Prism’s, ending requests in flight', async () => {
    const mock = await startPrismMock();
    onTestFinished(() => mock.close());
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(mock.prism.url).toBe(`http://127.0.0.1:${mock.prism.port}`);
    expect((await fetch(`${mock.url}/api/v1/chat`, auth)).status).toBe(200);
    expect((await fetch(`${mock.prism.url}/api/v1/chat`, auth)).status).toBe(200);

    // A client that has sent half a request: without closing connections, close() would wait for it.
    const halfSent = connect(mock.port, '127.0.0.1');
    onTestFinished(() => void halfSent.destroy());
    // The mock resets the connection; that is the end the client sees.
    halfSent.on('error', () => {});
    await new Promise<void>((resolve) => halfSent.once('connect', resolve));
    halfSent.write('GET /api/v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const ended = new Promise<void>((resolve) => halfSent.once('close', () => resolve()));

    await within(mock.close(), 15_000, 'close() with a request in flight');
    await within(ended, 15_000, 'the end of the request in flight');
    await mock.close();

    expect(await listening(mock.port)).toBe(false);
    expect(await listening(mock.prism.port)).toBe(false);
  });

  it('on a port in use, rejects with EADDRINUSE', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const { port } = taken.address() as { port: number };

    await expect(startPrismMock({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('startPrism', () => {
  it('listens on 127.0.0.1 and a free port, and frees it on close', async () => {
    const prism = await startPrism({ mode: 'mock' });
    onTestFinished(() => prism.close());

    expect(prism.url).toBe(`http://127.0.0.1:${prism.port}`);
    expect((await fetch(`${prism.url}/api/v1/chat`, auth)).status).toBe(200);
    await prism.close();
    await prism.close();

    expect(await listening(prism.port)).toBe(false);
  });

  it('refuses proxy mode without an upstream', async () => {
    await expect(startPrism({ mode: 'proxy' })).rejects.toThrow('Prism proxy mode needs an upstream URL.');
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
    const spec = join(await tempDir(), file);
    if (content !== undefined) await writeFile(spec, content);

    await expect(startPrism({ mode: 'mock', spec })).rejects.toThrow(message);
    await expect(startPrismMock({ spec })).rejects.toThrow(message);
  });
});
