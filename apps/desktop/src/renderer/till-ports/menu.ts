import type { Listener, Unsubscribe } from './common';
import type { Branch, BranchOverrideDoc, MenuDoc } from './domain';

/**
 * What replication pulled for this till's branch: the branch document (time zone, cash rounding,
 * discount approval limits, printers), every `menu` document and the branch overrides. The
 * features resolve the sellable menu with `resolveBranchMenu` from `@comanda/core/menu`.
 */
export interface MenuSnapshot {
  branch: Branch;
  menuDocs: MenuDoc[];
  overrides: BranchOverrideDoc[];
  /**
   * False while the menu documents are still being read (the branch is known): the till can show
   * the PIN pad meanwhile, and the order screen shows the menu as loading. Absent means complete.
   */
  complete?: boolean;
}

export interface MenuPorts {
  load: () => Promise<MenuSnapshot>;
  subscribe: (listener: Listener<MenuSnapshot>) => Unsubscribe;
}
