// A child process for the hostile-server tests: runs one call of the built client against a server and prints
// one JSON line: what the caller got (items, or the error's class, kind and facts), how the heap grew while a
// listing ran (after a full GC), and the process's peak RSS. Memory is measured here, apart from the test runner.
import LlamaCloud from '../../dist/index.js';

const { call, baseURL, options = {}, sampleAt = [] } = JSON.parse(process.argv[2]);
const client = new LlamaCloud({ apiKey: 'llx-hostile-test-key', baseURL, maxRetries: 2, ...options });
const chat = client.chat;

const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};

const result = { items: 0, heap: {} };
try {
  if (call === 'list') {
    for await (const _ of chat.list({ page_size: 1 })) {
      result.items++;
      if (sampleAt.includes(result.items)) result.heap[result.items] = heap();
    }
  } else if (call === 'retrieve') {
    await chat.retrieve('ses-1');
    result.items = 1;
  } else if (call === 'stream') {
    for await (const _ of chat.stream('ses-1', { prompt: 'q', index_ids: [] })) result.items++;
  }
} catch (error) {
  result.error = {
    name: error?.constructor?.name,
    kind: error?.kind,
    limit: error?.limit,
    reading: error?.reading,
    message: String(error?.message),
  };
}
result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
