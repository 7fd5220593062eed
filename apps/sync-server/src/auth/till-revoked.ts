import { TRPCError } from '@trpc/server';

/** The cause of a revoked till's 401; the error formatter turns it into `data.reason`. */
export class TillRevokedError extends Error {
  override name = 'TillRevokedError';
}

/**
 * The one answer a revoked till gets, whatever it asked: a 401 whose `data.reason` is core's
 * `TILL_REVOKED_REASON`, so the till stops and says why instead of retrying.
 */
export function tillRevoked(): TRPCError {
  const message = 'This till was revoked by the owner; pair it again with a new code';
  return new TRPCError({ code: 'UNAUTHORIZED', message, cause: new TillRevokedError(message) });
}
