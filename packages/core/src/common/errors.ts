/**
 * Base class of every error the domain core throws. `code` is a stable,
 * machine-readable identifier (callers map it to HTTP/tRPC codes or UI
 * messages); `message` is written for a person.
 */
export class ComandaError extends Error {
  /** Stable machine-readable error code, e.g. `MONEY_NOT_INTEGER`. */
  readonly code: string;

  /**
   * @param code stable machine-readable code
   * @param message human-readable explanation of what is wrong and how to fix it
   */
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}
