/**
 * Conventions every port follows:
 * - Every `subscribe(...)` calls its listener once with the current value as soon as it is known
 *   (synchronously or shortly after), then on every change, until the returned `Unsubscribe` runs.
 * - Every write (`save`, `append`, `set`) resolves only after the document is committed durably to
 *   the local store (IndexedDB with strict durability). The UI shows "saved" only after it resolves.
 * - Writes reject with a `PortError` (never resolve with an error value).
 */
export type Unsubscribe = () => void;
export type Listener<T> = (value: T) => void;

/** Why a port call failed; features show `message` and decide from `code`. */
export type PortErrorCode =
  | 'not-found'
  /** The stored document changed since it was read (compare `updatedAt`); reload and retry. */
  | 'conflict'
  /** The document failed schema validation; nothing was written. */
  | 'invalid'
  /** The local store could not commit (quota, closed database). Nothing was written. */
  | 'storage'
  /** The host (printer, drawer) could not be reached. */
  | 'host-unavailable';

/** Typed error thrown (as a rejection) by every port. */
export class PortError extends Error {
  override readonly name = 'PortError';
  constructor(
    readonly code: PortErrorCode,
    message: string,
  ) {
    super(message);
  }
}
