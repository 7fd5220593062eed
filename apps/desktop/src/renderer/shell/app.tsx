import { useEffect, useState } from 'react';
import { FirstRun } from './first-run.js';
import { QuickOrder } from './quick-order.js';
import type { TillMode, TillRuntime } from './runtime.js';
import { StatusBar } from './status-bar.js';

/** The till's shell: first-run pairing, the order screen, and the status bar on every screen. */
export function TillApp({ runtime }: { runtime: TillRuntime }) {
  const [mode, setMode] = useState<TillMode>(runtime.mode());
  const [pairing, setPairing] = useState(false);
  useEffect(() => runtime.onModeChange(setMode), [runtime]);

  const showFirstRun = mode === 'unconfigured' || pairing;
  return (
    <div className="till" data-mode={mode}>
      {showFirstRun ? (
        <FirstRun runtime={runtime} canCancel={mode !== 'unconfigured'} onDone={() => setPairing(false)} />
      ) : (
        <QuickOrder runtime={runtime} />
      )}
      <StatusBar runtime={runtime} mode={mode} onPairLater={() => setPairing(true)} />
    </div>
  );
}
