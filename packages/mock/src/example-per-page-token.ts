// A front for a Prism mock that turns `?page_token=<name of an example>` into `Prefer: example=<name>`. Prism
// is stateless; this is what lets the spec's chained example pages play out as a multi-page listing.
import { Agent, createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningPrism } from './prism.js';

export async function examplePerPageToken(
  prism: RunningPrism,
  exampleNames: ReadonlySet<string>,
): Promise<RunningPrism> {
  const agent = new Agent({ keepAlive: true });
  const front = createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('page_token');
    const headers: Record<string, string | string[] | undefined> = {
      ...req.headers,
      host: `127.0.0.1:${prism.port}`,
    };
    if (token && exampleNames.has(token) && !headers.prefer) headers.prefer = `example=${token}`;
    const upstream = forward(
      { agent, host: '127.0.0.1', port: prism.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      // Mid-body, the only honest signal is a broken connection; before it, a plain 502.
      if (res.headersSent) res.destroy(error);
      else
        res
          .writeHead(502, { 'content-type': 'text/plain' })
          .end(`The Prism mock did not answer: ${error.message}`);
    });
    // A caller that gives up frees the connection to Prism too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(0, '127.0.0.1', resolve);
  });
  const { port } = front.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        front.closeAllConnections();
        front.close(() => resolve());
        agent.destroy();
      }).then(() => prism.close());
      return closed;
    },
  };
}
