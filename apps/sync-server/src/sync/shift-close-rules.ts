import { ShiftError, assertCloseApproved } from '@comanda/core/shifts';
import { TRPCError } from '@trpc/server';
import type { WireDocument } from './documents';

interface CloseFields {
  expectedCash: number;
  countedCash: number;
  overShort: number;
  approvedBy: string | null;
}

function closeOf(doc: WireDocument | null): CloseFields | null {
  const close = doc?.close;
  return close && typeof close === 'object' ? (close as CloseFields) : null;
}

/** Whether the pushed document closes a shift the server has not yet seen closed this way. */
export function isNewShiftClose(next: WireDocument, master: WireDocument | null): boolean {
  const close = closeOf(next);
  return close !== null && JSON.stringify(close) !== JSON.stringify(closeOf(master));
}

/**
 * The server's re-check of a pushed shift close (the till checks the same rule with core's
 * `assertCloseApproved`): over/short is counted − expected, and beyond the branch's
 * `cashVarianceLimit` it names an approver (who {@link assertApprovals} checks is a manager).
 * A close the master already holds is not re-checked, so lowering the limit later does not
 * freeze shifts closed under the old one.
 * @throws {TRPCError} UNPROCESSABLE_CONTENT with a message naming the amounts
 */
export function assertShiftCloseWithinLimit(
  next: WireDocument,
  master: WireDocument | null,
  varianceLimit: number,
): void {
  const close = closeOf(next);
  if (!close || !isNewShiftClose(next, master)) return;
  if (close.overShort !== close.countedCash - close.expectedCash) {
    throw new TRPCError({
      code: 'UNPROCESSABLE_CONTENT',
      message: `close.overShort is ${close.overShort} but counted − expected is ${close.countedCash - close.expectedCash} (minor units)`,
    });
  }
  try {
    assertCloseApproved(close, varianceLimit);
  } catch (error) {
    if (!(error instanceof ShiftError)) throw error;
    throw new TRPCError({
      code: 'UNPROCESSABLE_CONTENT',
      message: `close: ${error.message} (over/short ${close.overShort}, branch limit ${varianceLimit} minor units)`,
    });
  }
}
