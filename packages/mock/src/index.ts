// Public entry of @llamacloud-chat/mock.
export { DEFAULT_STREAM_GAP_MS, type StreamEnd } from './event-stream.js';
export {
  type PageTokenFrontOptions,
  startPageTokenFront,
  UNKNOWN_PAGE_TOKEN,
  unknownPageTokenBody,
} from './page-token-front.js';
export { type PrismOptions, SPEC_PATH, startPrism } from './prism.js';
export type { RunningServer } from './running-server.js';
export { type MockOptions, type RunningMock, startMock } from './start-mock.js';
