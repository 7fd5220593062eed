import { useEffect, useMemo, useState } from 'react';
import { CashierApp } from '../features/index.js';
import { createRxTillPorts } from '../ports/rx-till-ports.js';
import { FirstRun } from './first-run.js';
import { QuickOrder } from './quick-order.js';
import type { TillMode, TillRuntime } from '../runtime/runtime.js';
import { StatusBar } from './status-bar.js';

export type TillView = 'cashier' | 'quick';

/**
 * The till's shell: first-run pairing, then the cashier's workflow (or the quick sale screen),
 * with the sync status bar on every screen.
 */
export function TillApp({ runtime }: { runtime: TillRuntime }) {
  const [mode, setMode] = useState<TillMode>(runtime.mode());
  const [pairing, setPairing] = useState(false);
  const [view, setView] = useState<TillView>('cashier');
  useEffect(() => runtime.onModeChange(setMode), [runtime]);
  // Ports carry the branch id: rebuild them when pairing moves the till into a branch.
  const ports = useMemo(() => (mode === 'unconfigured' ? null : createRxTillPorts(runtime)), [runtime, mode]);

  const showFirstRun = mode === 'unconfigured' || pairing;
  return (
    <div className="till" data-mode={mode}>
      {showFirstRun ? (
        <FirstRun runtime={runtime} canCancel={mode !== 'unconfigured'} onDone={() => setPairing(false)} />
      ) : view === 'quick' || !ports ? (
        <QuickOrder runtime={runtime} />
      ) : (
        <CashierApp key={mode} ports={ports} />
      )}
      <StatusBar
        runtime={runtime}
        mode={mode}
        view={view}
        onToggleView={() => setView((v) => (v === 'cashier' ? 'quick' : 'cashier'))}
        onPairLater={() => setPairing(true)}
      />
    </div>
  );
}
