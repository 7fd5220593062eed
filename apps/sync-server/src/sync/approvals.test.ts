import { describe, expect, it } from 'vitest';
import { approvalsOf, assertApprovals } from './approvals';
import type { WireDocument } from './documents';

const closedShift = (approvedBy: string | null) =>
  ({ id: 'shift-1', close: { countedCash: 50, overShort: -27_830, approvedBy } }) as unknown as WireDocument;

describe('shift close approvals', () => {
  it('a shift closed with a large difference names its approver, who must be a manager', () => {
    expect(approvalsOf('shifts', closedShift('hugo'))).toEqual([{ where: 'close', staffId: 'hugo' }]);
    expect(approvalsOf('shifts', closedShift(null))).toEqual([]);
    expect(() => assertApprovals('shifts', closedShift('lea'), null, new Set(['hugo']))).toThrow(
      /close is approved by "lea", who is not an active manager/,
    );
    expect(() => assertApprovals('shifts', closedShift('hugo'), null, new Set(['hugo']))).not.toThrow();
  });
});
