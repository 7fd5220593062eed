import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useI18n } from '@comanda/ui';
import type { SyncStatus } from '../../till-ports';
import { SETUP_KEYS } from './setup-keys';
import { useTill } from './till-context';
import { usePort } from './use-port';


const NOT_PAIRED: SyncStatus = { online: false, paired: false, unsyncedOrderIds: [], pendingCount: 0, lastSyncAt: null, error: null };

/**
 * First-run checklist for a manager on a new till: paired, printers tested, shift opened, each
 * with the way to do it. It can be hidden once everything is done, and stays hidden.
 */
export function SetupChecklist() {
  const { ports, app, shift } = useTill();
  const { t } = useI18n();
  const sync = usePort<SyncStatus>(ports.sync.subscribe, NOT_PAIRED);
  const openShift = useStore(shift, (s) => s.shift);
  const [stored, setStored] = useState<Record<keyof typeof SETUP_KEYS, boolean> | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all(Object.values(SETUP_KEYS).map((key) => ports.settings.get(key).catch(() => null))).then(([printerTested, shiftOpened, dismissed]) => {
      if (live) setStored({ printerTested: printerTested !== null, shiftOpened: shiftOpened !== null, dismissed: dismissed !== null });
    });
    return () => {
      live = false;
    };
  }, [ports]);
  // A shift opened on this till counts for good, even once it is closed.
  useEffect(() => {
    if (!openShift || !stored || stored.shiftOpened) return;
    setStored({ ...stored, shiftOpened: true });
    void ports.settings.set(SETUP_KEYS.shiftOpened, ports.clock.now()).catch(() => undefined);
  }, [openShift, stored, ports]);

  if (!stored || stored.dismissed) return null;
  const steps = [
    { id: 'paired', done: sync.paired, label: t('setup.paired'), action: sync.paired ? null : <span className="cmd-muted">{t('setup.pairedHint')}</span> },
    {
      id: 'printers',
      done: stored.printerTested,
      label: t('setup.printers'),
      action: (
        <button type="button" className="cmd-btn cmd-btn-small" onClick={() => app.getState().go('printers')}>
          {t('setup.printersLink')}
        </button>
      ),
    },
    {
      id: 'shift',
      done: stored.shiftOpened,
      label: t('setup.shift'),
      action: (
        <button type="button" className="cmd-btn cmd-btn-small" onClick={() => app.getState().go('order')}>
          {t('shift.openTitle')}
        </button>
      ),
    },
  ];
  const allDone = steps.every((s) => s.done);
  return (
    <section className="cmd-setup" aria-labelledby="setup-title" data-testid="setup-checklist">
      <h2 id="setup-title">{t('setup.title')}</h2>
      <ul>
        {steps.map((step) => (
          <li key={step.id} data-step={step.id} data-done={step.done}>
            <span>{step.done ? t('setup.done') : t('setup.todo')}</span> {step.label} {step.done ? null : step.action}
          </li>
        ))}
      </ul>
      {allDone ? (
        <button
          type="button"
          className="cmd-btn cmd-btn-small"
          onClick={() => {
            setStored({ ...stored, dismissed: true });
            void ports.settings.set(SETUP_KEYS.dismissed, ports.clock.now()).catch(() => undefined);
          }}
        >
          {t('setup.dismiss')}
        </button>
      ) : null}
    </section>
  );
}
