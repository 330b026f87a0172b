// The promise family, as in the official SDK: a call returns an APIPromise, a real Promise of the decoded body
// with `withResponse()` and `asResponse()` for the HTTP response behind it. A listing's PagePromise and a
// stream's EventStreamPromise are APIPromises too.
import { withBody } from './response-body.js';

/** What a call resolves to: the decoded body, the response, and the body's text when the client read it. */
export interface CallResult<T> {
  data: T;
  response: Response;
  /** The body as read (the key scrubbed); the response handed out is given it back as its body. */
  text?: string | undefined;
}

/** A call's result; `await` it for the decoded body. */
export class APIPromise<T> extends Promise<T> {
  readonly #start: () => Promise<CallResult<T>>;
  #result: Promise<CallResult<T>> | undefined;
  #response: Promise<Response> | undefined;

  /**
   * @internal Made by the client. `start` runs the call; at once, or (`lazy`) when the promise is first used.
   */
  constructor(start: () => Promise<CallResult<T>>, lazy = false) {
    // The executor's promise is never used: every way to read this one goes through the call's result.
    super((resolve) => resolve(undefined as T));
    this.#start = start;
    if (!lazy) this.result();
  }

  // Promises derived by `then` are plain ones.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The call's result, started on first use. A subclass may start it again after a failure. */
  protected result(): Promise<CallResult<T>> {
    if (!this.#result) {
      this.#result = this.#start();
      // A caller awaits one of the ways in; a failure surfaces there, never as an unhandled rejection.
      this.#result.catch(() => {});
    }
    return this.#result;
  }

  /** Forgets `failed` if it is still the result, so the next use asks again. */
  protected forget(failed: Promise<CallResult<T>>): void {
    if (this.#result !== failed) return;
    this.#result = undefined;
    this.#response = undefined;
  }

  // biome-ignore lint/suspicious/noThenProperty: a Promise's own then, reading the decoded body.
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result()
      .then((result) => result.data)
      .then(onFulfilled, onRejected);
  }

  override catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onFinally);
  }

  /** The response alone (status, headers, and a body that can still be read, as if untouched). */
  asResponse(): Promise<Response> {
    this.#response ??= this.result().then((result) =>
      result.text === undefined ? result.response : withBody(result.response, result.text),
    );
    return this.#response;
  }

  /** The decoded body and the response (status, headers, and a body that can still be read). */
  async withResponse(): Promise<{ data: T; response: Response }> {
    const [data, response] = await Promise.all([this.then(), this.asResponse()]);
    return { data, response };
  }
}
