// Public entry of @llamacloud-chat/mock. The Prism side (what the contract suite checks against) is loaded only
// when one of its functions is called: Prism's modules take over a second to load, the mock does not need them.
export { DEFAULT_STREAM_GAP_MS, type StreamEnd } from './event-stream.js';
export { FAULT_HEADER } from './faults.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './operations.js';
export type { PageTokenFrontOptions } from './page-token-front.js';
export { startPageTokenFront, UNKNOWN_PAGE_TOKEN, unknownPageTokenBody } from './page-token-front.js';
export type { PrismOptions } from './prism.js';
export { startPrism, startPrismMock } from './prism-entry.js';
export type { PrismMockOptions, RunningPrismMock } from './prism-mock.js';
export type { LogSink } from './request-log.js';
export type { RunningServer } from './running-server.js';
export { DEFAULT_SHARED_ACCESS, isMockSessionId } from './session-store.js';
export { SPEC_PATH } from './spec-path.js';
export { type MockOptions, type RunningMock, startMock } from './start-mock.js';
export { StateFileError } from './state-file.js';
