// Public entry of @llamacloud-chat/test-support (private): what the workspace's tests and benchmarks share.
export {
  type Handler,
  listening,
  type ReceivedRequest,
  sendJson,
  serve,
  startServer,
  type TestServer,
  waitFor,
} from './http-server.js';
export {
  escapedAll,
  escapedFirst,
  escapedUpper,
  printed,
  showsIn,
  spellingsOf,
  unescaped,
} from './key-spellings.js';
export { RENAME, RENAMED_EXAMPLE, renameOperation } from './rename-operation.js';
export {
  cursorAt,
  makeSessions,
  type PagedOptions,
  pagedSessions,
  type SessionFixture,
  scripted,
} from './sessions.js';
