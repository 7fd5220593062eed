import { resolveBranchMenu, type BranchMenu, type ResolvedItem } from '@comanda/core/menu';
import type { Branch, StaffMember } from '../../till-ports';
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
  /** The menu item with this id; throws when the demo menu has none (a typo in a test). */
  item: (id: string) => ResolvedItem;
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
  const menu = resolveBranchMenu(snapshot.menuDocs, snapshot.overrides, ports.device.branchId);
  return {
    ports,
    menu,
    branch: snapshot.branch,
    cashier,
    manager,
    deps: { ports, user: () => user, branch: () => snapshot.branch, shiftId: () => shiftId },
    item: (id) => {
      const found = menu.items[id];
      if (!found) throw new Error(`no item ${id}`);
      return found;
    },
    actAs: (member) => {
      user = member;
    },
    setShift: (id) => {
      shiftId = id;
    },
  };
}
