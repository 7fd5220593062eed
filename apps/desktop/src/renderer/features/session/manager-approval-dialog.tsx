import { useState } from 'react';
import { Dialog, PinPad, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { usePinPadLengths } from './use-pin-lengths';

export interface ManagerApprovalDialogProps {
  /** What needs approval, shown to the manager (e.g. the core's reason). */
  reason: string;
  action: string;
  subjectId: string | null;
  onApproved: (managerId: string) => void;
  onCancel: () => void;
}

/** Asks a manager for their PIN; only a manager of this branch can approve. */
export function ManagerApprovalDialog({ reason, action, subjectId, onApproved, onCancel }: ManagerApprovalDialogProps) {
  const { session } = useTill();
  const { t } = useI18n();
  const [denied, setDenied] = useState(0);
  const [busy, setBusy] = useState(false);
  const lengths = usePinPadLengths('manager');

  const submit = async (pin: string) => {
    setBusy(true);
    const manager = await session.getState().approveAsManager(pin, action, subjectId);
    setBusy(false);
    if (manager) onApproved(manager.id);
    else setDenied((n) => n + 1);
  };

  return (
    <Dialog
      title={t('manager.title')}
      open
      onClose={onCancel}
      role="alertdialog"
      actions={
        <button type="button" className="cmd-btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      }
    >
      <p>{t('manager.reason', { action: reason })}</p>
      <PinPad length={lengths.autoSubmit} maxLength={lengths.max} onSubmit={(pin) => void submit(pin)} disabled={busy} attempt={denied} message={denied > 0 ? t('manager.denied') : null} />
    </Dialog>
  );
}
