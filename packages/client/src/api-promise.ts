// The promise a call returns: awaitable for the decoded body, like the official SDK's APIPromise, with
// `withResponse()` and `asResponse()` for the HTTP response behind it.

/** A call's result; `await` it for the decoded body. */
export type APIPromise<T> = Promise<T> & {
  /** The decoded body and the response (status and headers; its body already read). */
  withResponse(): Promise<{ data: T; response: Response }>;
  /** The response alone (status and headers; its body already read). */
  asResponse(): Promise<Response>;
};

/** An APIPromise over `call`, which resolves to the decoded body and the response. */
export function apiPromise<T>(call: Promise<{ data: T; response: Response }>): APIPromise<T> {
  const data = call.then((result) => result.data) as APIPromise<T>;
  // A caller awaits one of the three; a failure surfaces there, never as an unhandled rejection of another.
  call.catch(() => {});
  data.catch(() => {});
  data.withResponse = () => call;
  data.asResponse = () => call.then((result) => result.response);
  return data;
}
