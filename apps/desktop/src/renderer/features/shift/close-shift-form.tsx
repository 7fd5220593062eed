import { useState } from 'react';
import { useStore } from 'zustand';
import { DenominationCount, Dialog, MoneyField, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { ManagerApprovalDialog } from '../session/manager-approval-dialog';

/**
 * Counted cash and close. A count further from expected than the branch allows is first shown
 * for confirmation (count again, or go on), then needs a manager's PIN; core refuses the close
 * without one.
 */
export function CloseShiftForm() {
  const { shift } = useTill();
  const { t, money } = useI18n();
  const state = useStore(shift);
  const [counted, setCounted] = useState<number | null>(0);
  const [byDenomination, setByDenomination] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const variance = state.varianceToApprove;

  const recount = () => {
    setConfirmed(false);
    state.recount();
  };
  const signed = (amount: number) => (amount > 0 ? `+${money(amount)}` : money(amount));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (counted !== null) void state.close(counted);
      }}
    >
      <MoneyField label={t('shift.counted')} value={counted} onChange={setCounted} />
      <button type="button" className="cmd-btn" aria-expanded={byDenomination} onClick={() => setByDenomination((v) => !v)}>
        {t('shift.countByDenomination')}
      </button>
      {byDenomination ? (
        <DenominationCount
          onTotal={(total) => {
            setCounted(total);
            setByDenomination(false);
          }}
        />
      ) : null}
      <button type="submit" className="cmd-btn cmd-btn-danger" disabled={state.busy || counted === null}>
        {t('shift.close')}
      </button>
      {variance && !confirmed ? (
        <Dialog
          title={t('shift.varianceTitle')}
          open
          role="alertdialog"
          onClose={recount}
          actions={
            <>
              <button type="button" className="cmd-btn" onClick={recount}>
                {t('shift.recount')}
              </button>
              <button type="button" className="cmd-btn cmd-btn-danger" onClick={() => setConfirmed(true)}>
                {t('common.confirm')}
              </button>
            </>
          }
        >
          <p>
            {t('shift.varianceBody', {
              counted: money(variance.countedCash),
              expected: money(variance.expectedCash),
              difference: signed(variance.difference),
            })}
          </p>
        </Dialog>
      ) : null}
      {variance && confirmed ? (
        <ManagerApprovalDialog
          reason={t('shift.varianceReason', { difference: signed(variance.difference) })}
          action="shift.close.variance"
          subjectId={state.shift?.id ?? null}
          onCancel={recount}
          onApproved={(managerId) => {
            setConfirmed(false);
            void state.close(variance.countedCash, { approvedBy: managerId });
          }}
        />
      ) : null}
    </form>
  );
}
