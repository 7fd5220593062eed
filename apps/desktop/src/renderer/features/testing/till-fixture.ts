import { resolveBranchMenu, type BranchMenu } from '@comanda/core/menu';
import type { Branch, StaffMember } from '../domain';
import { createDemoPorts } from './demo-ports';
import type { MemoryPorts } from './memory-ports';
import type { OrderDeps } from '../order-entry/order-context';

export interface TillFixture {
  ports: MemoryPorts;
  menu: BranchMenu;
  branch: Branch;
  cashier: StaffMember;
  manager: StaffMember;
  deps: OrderDeps;
  /** Changes who is acting (defaults to the cashier). */
  actAs: (member: StaffMember | null) => void;
  setShift: (id: string | null) => void;
}

/** Demo ports plus the resolved Paris menu and order deps acting as the cashier. */
export async function createTillFixture(): Promise<TillFixture> {
  const ports = await createDemoPorts();
  const snapshot = await ports.menu.load();
  const staff = await ports.staff.list();
  const cashier = staff.find((s) => s.role === 'cashier' && s.branchIds.includes('paris-11'))!;
  const manager = staff.find((s) => s.role === 'manager')!;
  let user: StaffMember | null = cashier;
  let shiftId: string | null = null;
  return {
    ports,
    menu: resolveBranchMenu(snapshot.menuDocs, snapshot.overrides, ports.device.branchId),
    branch: snapshot.branch,
    cashier,
    manager,
    deps: { ports, user: () => user, branch: () => snapshot.branch, shiftId: () => shiftId },
    actAs: (member) => {
      user = member;
    },
    setShift: (id) => {
      shiftId = id;
    },
  };
}
