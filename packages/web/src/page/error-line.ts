// What the page says when a call fails: one line a person understands, never a stack or a class name.
import {
  AbortedError,
  APIError,
  AuthenticationError,
  ConnectionError,
  NotFoundError,
  StreamInterruptedError,
  TimeoutError,
} from '@llamacloud-chat/client';

/** The API's (or the relay's) own words, when the body has a `detail` string. */
function detailOf(error: APIError): string | undefined {
  const body = error.body as { detail?: unknown } | undefined;
  return typeof body?.detail === 'string' && body.detail.trim() ? body.detail.trim() : undefined;
}

/** `doing` says what failed, e.g. "open the session": the line starts "Could not open the session". */
export function errorLine(error: unknown, doing: string): string {
  const could = `Could not ${doing}`;
  if (error instanceof AbortedError) return 'Stopped.';
  if (error instanceof StreamInterruptedError) {
    return 'The answer was cut off: the connection closed before the turn ended. Send the prompt again to retry.';
  }
  if (error instanceof NotFoundError) {
    return `${could}: it no longer exists (404). It may have been deleted elsewhere; reload the list.`;
  }
  if (error instanceof AuthenticationError) {
    return `${could}: the API refused the server's key (401). Check LLAMA_CLOUD_API_KEY where the relay runs.`;
  }
  if (error instanceof APIError) {
    if (error.status === 502 || error.status === 504) {
      return `${could}: the chat API is not answering (${error.status}). Try again in a moment.`;
    }
    const detail = detailOf(error);
    return `${could}: the server answered ${error.status}${detail ? ` (${detail})` : ''}.`;
  }
  if (error instanceof TimeoutError) return `${could}: the server took too long to answer.`;
  if (error instanceof ConnectionError) {
    return `${could}: the page's server is not reachable. Is it still running? Start it again and reload.`;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `${could}: ${message}`;
}
