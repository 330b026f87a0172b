// A List Sessions server for benchmarks, run as a child process so it does not share the client's event loop.
// The path prefix sets the scenario: /n/<total sessions>/delay/<ms per page>/api/v1/chat?page_size=…&page_token=…
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One session's JSON, shaped like the docs example; built by hand so serving stays cheap. */
function sessionJson(i: number): string {
  return (
    `{"last_updated_at":"2026-04-22T12:34:41.342245","session_id":"ses-${i}",` +
    `"generated_title":"What were the main findings in Q${i % 4}?","index_ids":["idx-abc123","idx-def456"],` +
    `"job_metadata":{"duration_ms":${i % 1000},"error":null,"export_config_ids":null,"is_error":false,` +
    `"total_input_tokens":${i % 5000},"total_output_tokens":${i % 700},"turns":${i % 9}}}`
  );
}

const route = /^\/n\/(\d+)\/delay\/(\d+)\/api\/v1\/chat$/;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const match = route.exec(url.pathname);
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const total = Number(match[1]);
  const delay = Number(match[2]);
  const size = Number(url.searchParams.get('page_size') ?? 100);
  const offset = Number(url.searchParams.get('page_token')?.slice('cur-'.length) ?? 0);
  const end = Math.min(offset + size, total);
  const items: string[] = [];
  for (let i = offset; i < end; i++) items.push(sessionJson(i));
  const body = `{"items":[${items.join(',')}],"next_page_token":${end < total ? `"cur-${end}"` : 'null'}}`;
  const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  if (delay > 0) setTimeout(send, delay);
  else send();
});

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
