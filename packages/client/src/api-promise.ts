// The promise a call returns: awaitable for the decoded body, like the official SDK's APIPromise, with
// `withResponse()` and `asResponse()` for the HTTP response behind it.
import { withBody } from './response-body.js';

/** A call's result; `await` it for the decoded body. */
export type APIPromise<T> = Promise<T> & {
  /** The decoded body and the response (status, headers, and a body that can still be read). */
  withResponse(): Promise<{ data: T; response: Response }>;
  /** The response alone (status, headers, and a body that can still be read, as if untouched). */
  asResponse(): Promise<Response>;
};

/** What a call resolves to: the decoded body, the response, and the body's text when the client read it. */
export interface CallResult<T> {
  data: T;
  response: Response;
  /** The body as read (the key scrubbed); the response handed out is given it back as its body. */
  text?: string | undefined;
}

/** An APIPromise over `call`. Both helpers hand out the same Response object. */
export function apiPromise<T>(call: Promise<CallResult<T>>): APIPromise<T> {
  const data = call.then((result) => result.data) as APIPromise<T>;
  // A caller awaits one of the three; a failure surfaces there, never as an unhandled rejection of another.
  call.catch(() => {});
  data.catch(() => {});
  // Made on first ask only: most callers never look at the response.
  let response: Promise<Response> | undefined;
  const handedOut = () => {
    response ??= call.then((result) =>
      result.text === undefined ? result.response : withBody(result.response, result.text),
    );
    return response;
  };
  data.withResponse = async () => {
    const [value, res] = await Promise.all([data, handedOut()]);
    return { data: value, response: res };
  };
  data.asResponse = handedOut;
  return data;
}
