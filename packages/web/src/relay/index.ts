// Public entry of @llamacloud-chat/web: the relay as a route handler, the node:http adapter, and startWeb().

export { DEFAULT_DEADLINE_MS } from './deadline.js';
export { eventStreamOf, frameOf } from './event-stream.js';
export { type ServedHandler, type ServeOptions, serveHandler } from './node-adapter.js';
export { pageFiles } from './page-files.js';
export { RelayRefusal } from './refusal.js';
export {
  createRelay,
  errorResponse,
  MAX_IN_FLIGHT,
  type RelayOptions,
  type RequestHandler,
} from './relay.js';
export { MAX_BODY_BYTES, MAX_JSON_DEPTH } from './request-body.js';
export { SPEC_METHODS } from './route.js';
export { PAGE_DIR, type RunningWeb, startWeb, type WebOptions, webHandler } from './start-web.js';
