import { createContext, useContext } from 'react';
import type { BranchMenu } from '@comanda/core/menu';
import type { Branch, TillPorts } from '../../till-ports';
import type { OrderStore } from '../order-entry/order-store';
import type { SessionStore } from '../session/session-store';
import type { ShiftStore } from '../shift/shift-store';
import type { AppStore } from './app-store';

/** Everything the feature containers share; created once by `CashierApp`. */
export interface Till {
  ports: TillPorts;
  branch: Branch;
  menu: BranchMenu;
  /** The menu is still being read (start-up): the order screen says so instead of showing no items. */
  menuLoading: boolean;
  app: AppStore;
  session: SessionStore;
  shift: ShiftStore;
  order: OrderStore;
}

export const TillContext = createContext<Till | null>(null);

export function useTill(): Till {
  const till = useContext(TillContext);
  if (!till) throw new Error('useTill must be used inside CashierApp');
  return till;
}
