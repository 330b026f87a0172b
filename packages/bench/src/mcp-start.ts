// Scenario 9, "MCP start": how long the MCP server takes from spawn to its first answered tools/list on stdio (an
// agent's first question), on the built-in mock, which it starts too; the standalone mock's start to its first
// answer (scenario 8) is measured in the same run as the baseline it builds on. Each start is a fresh process.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(import.meta.resolve('@llamacloud-chat/mcp/bin'));

const message = (id: number, method: string, params: unknown = {}) =>
  `${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`;

/** Milliseconds from spawning the server to the answer of its first tools/list; it is killed after. */
export function timeMcpStart(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH },
    });
    let done = false;
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`the MCP server exited (${code}) before listing its tools`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const answer = JSON.parse(line) as { id?: number; result?: { tools?: unknown[] } };
      if (answer.id === 1) {
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
        child.stdin.write(message(2, 'tools/list'));
      } else if (answer.id === 2 && !done) {
        done = true;
        const ms = performance.now() - started;
        child.kill('SIGKILL');
        if (!answer.result?.tools?.length) reject(new Error('tools/list answered no tools'));
        else resolve(ms);
      }
    });
    child.stdin.write(
      message(1, 'initialize', {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'llamacloud-chat-bench', version: '0' },
      }),
    );
  });
}
