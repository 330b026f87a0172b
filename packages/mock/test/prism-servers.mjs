// A child process for the malformed-encoding tests: the built-in mock, Prism's mock behind its page-token front,
// and Prism as a proxy to that mock, all from the built package. It prints their URLs as one JSON line and
// serves until SIGTERM. A request that crashed Prism would end this process, not the test runner.
import { startMock, startPrism, startPrismMock } from '../dist/index.js';

const mock = await startMock({ streamGapMs: 0 });
const prismMock = await startPrismMock({ streamGapMs: 0 });
const proxy = await startPrism({ mode: 'proxy', upstream: mock.url });
process.stdout.write(
  `${JSON.stringify({ mock: mock.url, prismMock: prismMock.url, prism: prismMock.prism.url, proxy: proxy.url })}\n`,
);
process.on('SIGTERM', () => {
  void Promise.all([proxy.close(), prismMock.close(), mock.close()]).then(() => process.exit(0));
});
