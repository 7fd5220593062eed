import { screenOnlyStations } from '@comanda/core/branch';
import { businessDayOf, type OrderContext } from '@comanda/core/orders';
import type { Branch, StaffMember, TillPorts } from '../../till-ports';

/** What order actions need besides the ports: who is logged in, the branch, the open shift. */
export interface OrderDeps {
  ports: TillPorts;
  user: () => StaffMember | null;
  branch: () => Branch | null;
  shiftId: () => string | null;
}

/** Thrown when an action is attempted without a logged-in cashier or loaded branch. */
export class NotReadyError extends Error {
  override readonly name = 'NotReadyError';
}

/** The core's `OrderContext` for an action happening now, by the logged-in staff member. */
export function orderContext(deps: OrderDeps): OrderContext {
  const user = deps.user();
  if (!user) throw new NotReadyError('Log in first.');
  // tillId: this till's edits win last-writer ties the same way on every till (core's mergeOrders).
  // screenOnlyStations: kitchen requests record them so no print job is made for those stations.
  const branch = deps.branch();
  return {
    at: deps.ports.clock.now(),
    by: user.id,
    newId: deps.ports.ids.newId,
    tillId: deps.ports.device.tillId,
    screenOnlyStations: branch ? screenOnlyStations(branch) : [],
  };
}

export function requireBranch(deps: OrderDeps): Branch {
  const branch = deps.branch();
  if (!branch) throw new NotReadyError('The branch settings have not been synced to this till yet.');
  return branch;
}

/** The branch's business day now (late-night sales count for the previous day). */
export function currentBusinessDay(deps: OrderDeps): string {
  const branch = requireBranch(deps);
  return businessDayOf(deps.ports.clock.now(), branch.timeZone, branch.businessDayStartHour);
}
