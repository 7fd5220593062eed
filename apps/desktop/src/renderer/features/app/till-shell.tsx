import { useEffect } from 'react';
import { useStore } from 'zustand';
import { ConnectionBadge, PrinterBadge, useI18n, type Locale } from '@comanda/ui';
import { HistoryScreen } from '../history/history-screen';
import { MenuPanel } from '../order-entry/menu-panel';
import { NewOrderPanel } from '../order-entry/new-order-panel';
import { OrderPanel } from '../order-entry/order-panel';
import { OpenTabs } from '../order-entry/open-tabs';
import { PaymentScreen } from '../payment/payment-screen';
import { PrintQueueScreen } from '../printers/print-queue-screen';
import { PrinterSettingsScreen } from '../printers/printer-settings-screen';
import { SyncSettingsScreen } from '../sync-settings/sync-settings-screen';
import { SetupChecklist } from './setup-checklist';
import type { PrinterStatusView, SyncStatus } from '../../till-ports';
import { LoginScreen } from '../session/login-screen';
import { ManagerApprovalDialog } from '../session/manager-approval-dialog';
import { OpenShiftScreen, ShiftScreen } from '../shift/shift-screen';
import type { Screen } from './app-store';
import { useTill } from './till-context';
import { usePort } from './use-port';

const OFFLINE: SyncStatus = { online: false, paired: false, unsyncedOrderIds: [], pendingCount: 0, lastSyncAt: null, error: null };
const NAV: { screen: Screen; key: 'nav.order' | 'nav.tabs' | 'nav.history' | 'nav.shift' | 'nav.printQueue' | 'nav.printers' | 'nav.sync'; managers?: true }[] = [
  { screen: 'order', key: 'nav.order' },
  { screen: 'tabs', key: 'nav.tabs' },
  { screen: 'history', key: 'nav.history' },
  { screen: 'shift', key: 'nav.shift' },
  { screen: 'print-queue', key: 'nav.printQueue' },
  { screen: 'printers', key: 'nav.printers', managers: true },
  { screen: 'sync', key: 'nav.sync', managers: true },
];

/** Header (who, status, navigation, language) and the current screen. */
export function TillShell() {
  const { ports, app, session, shift, order, branch } = useTill();
  const { t } = useI18n();
  const user = useStore(session, (s) => s.user);
  const openShift = useStore(shift, (s) => s.shift);
  const report = useStore(shift, (s) => s.report);
  const screen = useStore(app, (s) => s.screen);
  const locale = useStore(app, (s) => s.locale);
  const current = useStore(order, (s) => s.order);
  const approval = useStore(order, (s) => s.pendingApproval);
  const sync = usePort<SyncStatus>(ports.sync.subscribe, OFFLINE);
  // Presence: the other tills' open tabs say this till has the order on screen (advisory).
  const onScreen = user ? (current?.id ?? null) : null;
  useEffect(() => {
    ports.sync.announce(onScreen, onScreen ? (user?.name ?? null) : null);
  }, [onScreen, user?.name]);
  // null until the first real check answers: the badge never says "OK" by default.
  const printers = usePort<PrinterStatusView[] | null>(ports.printing.subscribePrinters, null);

  const header = (
    <header className="cmd-topbar">
      <span className="cmd-brand">{branch.name}</span>
      {user ? <span>{user.name}</span> : null}
      <ConnectionBadge online={sync.online} pendingCount={sync.pendingCount} />
      {user ? (
        <button type="button" className="cmd-badge-button" title={t('nav.printQueue')} onClick={() => app.getState().go('print-queue')}>
          <PrinterBadge printers={printers} />
        </button>
      ) : (
        <PrinterBadge printers={printers} />
      )}
      <label className="cmd-locale">
        <span className="cmd-visually-hidden">{t('nav.language')}</span>
        <select value={locale} data-testid="locale-select" onChange={(e) => void app.getState().chooseLocale(e.target.value as Locale)}>
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
      </label>
      {user ? (
        <button
          type="button"
          className="cmd-btn cmd-btn-small"
          onClick={() => {
            // The next person starts on the order screen, not on a manager's screen.
            app.getState().go('order');
            void session.getState().logout();
          }}
        >
          {t('nav.logout')}
        </button>
      ) : null}
    </header>
  );

  let body;
  if (!user) body = <LoginScreen />;
  else if (screen === 'printers') body = <PrinterSettingsScreen />;
  else if (screen === 'sync') body = <SyncSettingsScreen />;
  else if (screen === 'print-queue') body = <PrintQueueScreen />;
  else if (!openShift && !report) body = <OpenShiftScreen />;
  else if (report || screen === 'shift') body = <ShiftScreen />;
  else if (screen === 'payment' && current) body = <PaymentScreen />;
  else if (screen === 'history') body = <HistoryScreen />;
  else if (screen === 'tabs')
    body = (
      <main className="cmd-screen">
        <OpenTabs />
      </main>
    );
  else
    body = (
      <main className="cmd-order-screen" aria-label={t('nav.order')}>
        <MenuPanel />
        {current ? <OrderPanel /> : <NewOrderPanel />}
      </main>
    );

  return (
    <div className="cmd-app" lang={locale}>
      {header}
      {user ? (
        <nav className="cmd-nav" aria-label={t('nav.label')}>
          {NAV.filter((n) => !n.managers || user.role === 'manager').map((n) => (
            <button
              key={n.screen}
              type="button"
              className="cmd-tab"
              aria-current={screen === n.screen ? 'page' : undefined}
              onClick={() => app.getState().go(n.screen)}
            >
              {t(n.key)}
            </button>
          ))}
        </nav>
      ) : null}
      {/* Not over the selling screens: they must fit a 1024×768 counter screen whole. */}
      {user?.role === 'manager' && screen !== 'printers' && screen !== 'sync' && !(openShift && (screen === 'order' || screen === 'payment')) ? <SetupChecklist /> : null}
      {body}
      {approval ? (
        <ManagerApprovalDialog
          reason={approval.message}
          action={approval.action}
          subjectId={current?.id ?? null}
          onCancel={() => order.getState().cancelApproval()}
          onApproved={(managerId) => void approval.run(managerId)}
        />
      ) : null}
    </div>
  );
}
