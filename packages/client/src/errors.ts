// The client's error family. Every error the client raises extends LlamaCloudError and carries a stable `kind`.

/** Base class of every error this package raises; switch on `kind` or use `instanceof`. */
export class LlamaCloudError extends Error {
  /** A stable, machine-readable name for the kind of failure. */
  readonly kind: string;

  constructor(kind: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
  }
}

/** The client was constructed with options it cannot work with (no API key, a malformed base URL). */
export class ClientConfigError extends LlamaCloudError {
  constructor(message: string) {
    super('config', message);
  }
}
