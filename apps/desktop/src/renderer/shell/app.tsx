import { useEffect, useMemo, useState } from 'react';
import { I18nProvider, localeOf } from '@comanda/ui';
import { CashierApp } from '../features/index.js';
import { createRxTillPorts } from '../ports/rx-till-ports.js';
import type { TillMode, TillRuntime } from '../runtime/runtime.js';
import { KitchenScreen } from '../features/kitchen/kitchen-screen.js';
import { createRxKitchenPorts, kitchenScopeOf } from '../ports/rx-kitchen-ports.js';
import type { KitchenScope } from '../till-ports/index.js';
import { FirstRun } from './first-run.js';
import { RevokedNotice } from './revoked-notice.js';
import { StatusBar } from './status-bar.js';

/**
 * The till's shell: first-run pairing, then the cashier's workflow, with the sync status bar on
 * every screen. Orders are born in one place only: the workflow's order store on `TillPorts`.
 */
export function TillApp({ runtime }: { runtime: TillRuntime }) {
  const [mode, setMode] = useState<TillMode>(runtime.mode());
  const [pairing, setPairing] = useState(false);
  useEffect(() => runtime.onModeChange(setMode), [runtime]);
  // Ports carry the branch id: rebuild them when pairing moves the till into a branch.
  const ports = useMemo(() => (mode === 'unconfigured' ? null : createRxTillPorts(runtime)), [runtime, mode]);
  // A device paired as a kitchen screen shows the kitchen display instead of the cashier's screens.
  const [kitchen, setKitchen] = useState<KitchenScope | null | undefined>(undefined);
  const kitchenPorts = useMemo(() => (kitchen ? createRxKitchenPorts(runtime) : null), [runtime, kitchen]);
  useEffect(() => {
    if (mode !== 'paired') return setKitchen(null);
    let live = true;
    void kitchenScopeOf(runtime).then((scope) => live && setKitchen(scope));
    return () => {
      live = false;
    };
  }, [runtime, mode]);

  const statusBar = <StatusBar runtime={runtime} mode={mode} onPairLater={() => setPairing(true)} />;
  return (
    <div className="till" data-mode={mode}>
      {ports === null || pairing ? (
        // Before pairing there is no branch yet: the system's language.
        <I18nProvider locale={localeOf(navigator.language)} currency="EUR" timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}>
          <FirstRun runtime={runtime} canCancel={mode !== 'unconfigured'} onDone={() => setPairing(false)} />
          {statusBar}
        </I18nProvider>
      ) : kitchen === undefined ? null : kitchen && kitchenPorts ? (
        <I18nProvider locale={localeOf(navigator.language)} currency="EUR" timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}>
          <KitchenScreen ports={kitchenPorts} scope={kitchen} />
          {statusBar}
        </I18nProvider>
      ) : (
        <CashierApp key={mode} ports={ports} footer={statusBar} />
      )}
      {!pairing && <RevokedNotice runtime={runtime} onPair={() => setPairing(true)} />}
    </div>
  );
}
