// `npx -y pnpm@10.34.9 web`: the chat page, its relay, and (without LLAMA_CLOUD_API_KEY) the built-in mock, until
// Ctrl-C. Prints the page's URL; the key stays in this process.
import { parseArgs } from 'node:util';
import { hostCheck } from './allowed-hosts.js';
import { MAX_DEADLINE_MS } from './deadline.js';

const usage = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'allowed-host': { type: 'string', multiple: true, default: [] },
    deadline: { type: 'string', default: '30' },
  },
});
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65_535)
  usage(`--port must be a port number from 0 to 65535; got ${JSON.stringify(values.port)}`);
const deadlineMs = Math.round(Number(values.deadline) * 1000);
if (!/^\d+(\.\d+)?$/.test(values.deadline) || deadlineMs < 1 || deadlineMs > MAX_DEADLINE_MS)
  usage(
    `--deadline must be a number of seconds from 0.001 to 2147483; got ${JSON.stringify(values.deadline)}`,
  );
try {
  hostCheck(port, values['allowed-host']);
} catch (error) {
  usage(`--allowed-host: ${(error as Error).message}`);
}
// Loaded after the arguments are checked: the mock's Prism takes seconds to load.
const { startWeb } = await import('./start-web.js');
const apiKey = process.env.LLAMA_CLOUD_API_KEY?.trim() || undefined;
const web = await startWeb({ apiKey, port, deadlineMs, allowedHosts: values['allowed-host'] });
// Ctrl-C and SIGTERM are how a server is meant to stop, so both exit 0 after one line saying so, as the mock's.
// Set before the URL is printed, so a signal sent as soon as it shows is handled.
// The listeners stay for good: removing the last one (as a `once` does) restores the default action for a moment,
// and a second Ctrl-C in that moment (pnpm forwards one to its script) would kill the process instead.
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  // A second signal does not wait for the first close to finish.
  if (stopping) process.exit(0);
  stopping = true;
  void web.close().then(() => {
    console.log(`Stopped the chat page (${signal}).`);
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.error(
  web.mock
    ? `The relay talks to the built-in mock at ${web.apiURL}, because LLAMA_CLOUD_API_KEY is not set.`
    : `The relay talks to ${web.apiURL} with LLAMA_CLOUD_API_KEY; the page never sees the key.`,
);
console.log(`Chat page: ${web.url}`);
