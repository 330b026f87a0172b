// Public entry of @llamacloud-chat/web: the relay as a route handler, the node:http adapter, and startWeb().
export { eventStreamOf, frameOf } from './event-stream.js';
export { type ServedHandler, serveHandler } from './node-adapter.js';
export { pageFiles } from './page-files.js';
export { createRelay, errorResponse, type RelayOptions, type RequestHandler } from './relay.js';
export { PAGE_DIR, type RunningWeb, startWeb, type WebOptions, webHandler } from './start-web.js';
