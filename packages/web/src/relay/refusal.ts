// A request the relay will not serve, as a value: the status it answers and the reason the page shows. Each guard
// (host, origin, content type, body size) throws one, and the relay answers it in the API's error shape.

/** The relay refused a request before anything went upstream. */
export class RelayRefusal extends Error {
  /** The HTTP status the relay answers with. */
  readonly status: number;
  /** The reason, as the `detail` of the API's error shape. */
  readonly detail: string;

  constructor(options: { status: number; detail: string }) {
    super(options.detail);
    this.name = 'RelayRefusal';
    this.status = options.status;
    this.detail = options.detail;
  }
}
