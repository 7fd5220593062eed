import type { ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { resolveBranchMenu } from '@comanda/core/menu';
import { I18nProvider, type Locale } from '@comanda/ui';
import { createAppStore } from '../app/app-store';
import { TillContext, type Till } from '../app/till-context';
import type { StaffMember } from '../../till-ports';
import { createOrderStore } from '../order-entry/order-store';
import { createSessionStore } from '../session/session-store';
import { createShiftStore } from '../shift/shift-store';
import type { MemoryPorts } from './memory-ports';

/** Renders one feature screen inside a till (stores as `CashierApp` builds them) with `user` logged in. */
export async function renderInTill(
  ports: MemoryPorts,
  user: StaffMember | null,
  ui: ReactNode,
  locale: Locale = 'en',
): Promise<RenderResult & { till: Till }> {
  const snapshot = await ports.menu.load();
  const app = createAppStore(locale);
  const session = createSessionStore(ports);
  session.setState({ user });
  const base = { ports, user: () => session.getState().user, branch: () => snapshot.branch };
  const shift = createShiftStore(base);
  const order = createOrderStore({ ...base, shiftId: () => shift.getState().shift?.id ?? null });
  const till: Till = {
    ports,
    branch: snapshot.branch,
    menu: resolveBranchMenu(snapshot.menuDocs, snapshot.overrides, ports.device.branchId),
    menuLoading: false,
    app,
    session,
    shift,
    order,
  };
  const result = render(
    <I18nProvider
      locale={locale}
      currency={snapshot.branch.currency}
      timeZone={snapshot.branch.timeZone}
    >
      <TillContext.Provider value={till}>{ui}</TillContext.Provider>
    </I18nProvider>,
  );
  return { ...result, till };
}
