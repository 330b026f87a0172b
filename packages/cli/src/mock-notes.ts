// What the CLI says about the built-in mock's memory: each command starts its own mock, which forgets its sessions
// when the command ends. Said where it matters: after a create, and after a 404 for an id the mock would make.

/** How to keep sessions from one command to the next. */
const KEEP_THEM =
  'To keep sessions from one command to the next, run the standalone mock with a state file (in the ' +
  'repository: npx -y pnpm@10.34.9 --silent mock --state sessions.json) and point the CLI at it with ' +
  'LLAMA_CLOUD_BASE_URL=http://127.0.0.1:4010 and any LLAMA_CLOUD_API_KEY.';

/** After a 404 from the built-in mock for an id it would make: why it is gone. */
export const MOCK_FORGETS =
  'The built-in mock starts afresh for every command and forgets its sessions when the command ends, so a ' +
  `session an earlier command created is gone. ${KEEP_THEM}`;

/** After a create on the built-in mock: the session is this command's alone. */
export const MOCK_SESSION_LASTS = `This session lasts only as long as this command: the built-in mock forgets it at exit. ${KEEP_THEM}`;
