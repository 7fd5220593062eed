import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { resolveBranchMenu } from '@comanda/core/menu';
import { createI18n, I18nProvider, Loading, ToastRegion } from '@comanda/ui';
import '@comanda/ui/styles.css';
import { createAppStore } from './app/app-store';
import { TillShell } from './app/till-shell';
import { TillContext, type Till } from './app/till-context';
import type { MenuSnapshot, TillPorts } from '../till-ports';
import { createOrderStore } from './order-entry/order-store';
import { createSessionStore } from './session/session-store';
import { createShiftStore } from './shift/shift-store';

export interface CashierAppProps {
  ports: TillPorts;
  /** Shown under every screen in the till's language (the shell's sync status bar). */
  footer?: ReactNode;
}

/** The cashier's workflow, mounted by the shell with the till's data layer and host behind `ports`. */
export function CashierApp({ ports, footer }: CashierAppProps) {
  const [snapshot, setSnapshot] = useState<MenuSnapshot | null>(null);
  const [stores] = useState(() => {
    const app = createAppStore('en', ports.settings);
    const session = createSessionStore(ports);
    let branch: MenuSnapshot['branch'] | null = null;
    const base = { ports, user: () => session.getState().user, branch: () => branch };
    const shift = createShiftStore(base);
    const order = createOrderStore({ ...base, shiftId: () => shift.getState().shift?.id ?? null });
    return { app, session, shift, order, setBranch: (b: MenuSnapshot['branch']) => (branch = b) };
  });
  const locale = useStore(stores.app, (s) => s.locale);
  const localeReady = useStore(stores.app, (s) => s.localeReady);
  const toasts = useStore(stores.app, (s) => s.toasts);
  const userId = useStore(stores.session, (s) => s.user?.id ?? null);

  useEffect(() => ports.menu.subscribe(setSnapshot), [ports]);
  // The branch's language unless this till or the person logged in chose another.
  useEffect(() => void stores.app.getState().loadLocale(userId), [stores, userId]);
  useEffect(() => {
    if (snapshot) stores.app.getState().setBranchLocale(snapshot.branch.locale);
  }, [stores, snapshot]);
  // The window's title (task bar, window switcher) speaks the till's language too.
  useEffect(() => {
    if (localeReady) document.title = createI18n(locale).t('app.title');
  }, [locale, localeReady]);
  useEffect(() => ports.shifts.subscribeCurrent((s) => stores.shift.getState().setShift(s)), [ports, stores]);

  const till = useMemo<Till | null>(() => {
    if (!snapshot) return null;
    stores.setBranch(snapshot.branch);
    return {
      ports,
      branch: snapshot.branch,
      menu: resolveBranchMenu(snapshot.menuDocs, snapshot.overrides, ports.device.branchId),
      menuLoading: snapshot.complete === false,
      app: stores.app,
      session: stores.session,
      shift: stores.shift,
      order: stores.order,
    };
  }, [snapshot, ports, stores]);

  return (
    <I18nProvider locale={locale} currency={snapshot?.branch.currency ?? 'EUR'} timeZone={snapshot?.branch.timeZone ?? 'UTC'}>
      {till && localeReady ? (
        <TillContext.Provider value={till}>
          <TillShell />
        </TillContext.Provider>
      ) : (
        <main aria-label="Comanda">
          <Loading />
        </main>
      )}
      <ToastRegion toasts={toasts} onDismiss={(id) => stores.app.getState().dismiss(id)} />
      {footer}
    </I18nProvider>
  );
}
