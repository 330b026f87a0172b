// A List Sessions server for benchmarks, run as a child process so it does not share the client's event loop.
// The path prefix sets the scenario: /n/<total sessions>/delay/<ms per page>/api/v1/chat?page_size=…&page_token=…
// Pages link by the same `cur-<offset>` tokens as the tests' paged server; bodies are built as text, so serving
// stays cheap next to the clients being measured.
import { cursorAt, startServer } from '@llamacloud-chat/test-support';

/** One session's JSON, shaped like the docs example. */
function sessionJson(i: number): string {
  return (
    `{"last_updated_at":"2026-04-22T12:34:41.342245","session_id":"ses-${i}",` +
    `"generated_title":"What were the main findings in Q${i % 4}?","index_ids":["idx-abc123","idx-def456"],` +
    `"job_metadata":{"duration_ms":${i % 1000},"error":null,"export_config_ids":null,"is_error":false,` +
    `"total_input_tokens":${i % 5000},"total_output_tokens":${i % 700},"turns":${i % 9}}}`
  );
}

const route = /^\/n\/(\d+)\/delay\/(\d+)\/api\/v1\/chat$/;

const server = await startServer((request, res) => {
  const match = route.exec(request.path);
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  // The benchmarks send thousands of requests; keeping a record of each would only grow this process.
  server.requests.length = 0;
  const total = Number(match[1]);
  const delay = Number(match[2]);
  const size = Number(request.query.page_size ?? 100);
  const offset = Number(request.query.page_token?.slice('cur-'.length) ?? 0);
  const end = Math.min(offset + size, total);
  const items: string[] = [];
  for (let i = offset; i < end; i++) items.push(sessionJson(i));
  const body = `{"items":[${items.join(',')}],"next_page_token":${end < total ? `"${cursorAt(end)}"` : 'null'}}`;
  const send = () => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  if (delay > 0) setTimeout(send, delay);
  else send();
});

process.send?.({ port: server.port });
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
