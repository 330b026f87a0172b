// The mock as it was before issue 19, for the "mock start" scenario: Prism's mock behind the page-token front,
// started in a process of its own, printing its URL as the standalone mock does.
import { startPrismMock } from '@llamacloud-chat/mock';

const mock = await startPrismMock();
process.stdout.write(`Prism-based mock listening on ${mock.url}\n`);
