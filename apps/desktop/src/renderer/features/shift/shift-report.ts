import { buildXReport, buildZReport, type ShiftReport } from '@comanda/core/reports';
import type { Order, Shift } from '../../till-ports';

export type { ShiftReport } from '@comanda/core/reports';

/**
 * The X (open shift) or Z (closed shift) report from the core, the same function the server runs,
 * so the till's Z report and the server's agree to the cent.
 */
export function buildShiftReport(shift: Shift, orders: readonly Order[], now: number): ShiftReport {
  return shift.status === 'closed' ? buildZReport(shift, orders) : buildXReport(shift, orders, now);
}
