import { useState } from 'react';
import { Dialog, MoneyField, useI18n } from '@comanda/ui';
import type { DiscountValue } from '@comanda/core/orders';
import type { OrderLine } from '../../till-ports';

export interface LineEditDialogProps {
  line: OrderLine;
  onSave: (details: { notes: string; seat: number | null; course: number }) => void;
  onClose: () => void;
}

/** Notes, seat and course of a line not yet sent. */
export function LineEditDialog({ line, onSave, onClose }: LineEditDialogProps) {
  const { t } = useI18n();
  const [notes, setNotes] = useState(line.notes);
  const [seat, setSeat] = useState(line.seat === null ? '' : String(line.seat));
  const [course, setCourse] = useState(line.course);
  return (
    <Dialog
      title={line.name}
      open
      onClose={onClose}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={onClose}>{t('common.cancel')}</button>
          <button
            type="button"
            className="cmd-btn cmd-btn-primary"
            onClick={() => onSave({ notes: notes.trim(), seat: seat === '' ? null : Math.max(1, Number(seat)), course })}
          >
            {t('common.save')}
          </button>
        </>
      }
    >
      <div className="cmd-field">
        <label htmlFor="line-notes">{t('cart.notes')}</label>
        <input id="line-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <div className="cmd-field">
        <label htmlFor="line-seat">{t('order.seat')}</label>
        <input id="line-seat" inputMode="numeric" value={seat} onChange={(e) => setSeat(e.target.value.replace(/\D/g, '').slice(0, 2))} />
      </div>
      <fieldset className="cmd-field">
        <legend>{t('order.course')}</legend>
        {[1, 2, 3, 4].map((c) => (
          <button key={c} type="button" className="cmd-btn cmd-btn-small" aria-pressed={course === c} onClick={() => setCourse(c)}>
            {c}
          </button>
        ))}
      </fieldset>
    </Dialog>
  );
}

export interface ReasonDialogProps {
  title: string;
  /** Units that can be chosen (voids, refunds); omit for a reason only. */
  maxQuantity?: number;
  /** What confirming will do, shown above the reason. */
  help?: string;
  onConfirm: (reason: string, quantity: number) => void;
  onClose: () => void;
}

/** Asks why (and how many) before a void. */
export function ReasonDialog({ title, maxQuantity, help, onConfirm, onClose }: ReasonDialogProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [quantity, setQuantity] = useState(maxQuantity ?? 1);
  const ok = reason.trim().length > 0;
  return (
    <Dialog
      title={title}
      open
      role="alertdialog"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="cmd-btn cmd-btn-danger" aria-disabled={!ok} onClick={() => ok && onConfirm(reason.trim(), quantity)}>
            {t('common.confirm')}
          </button>
        </>
      }
    >
      {help ? <p>{help}</p> : null}
      {maxQuantity !== undefined && maxQuantity > 1 ? (
        <div className="cmd-field">
          <label htmlFor="reason-qty">{t('cart.qty')}</label>
          <input
            id="reason-qty"
            type="number"
            min={1}
            max={maxQuantity}
            value={quantity}
            onChange={(e) => setQuantity(Math.min(maxQuantity, Math.max(1, Number(e.target.value) || 1)))}
          />
        </div>
      ) : null}
      <div className="cmd-field">
        <label htmlFor="reason-text">{t('order.reason')}</label>
        <input id="reason-text" value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </div>
      {!ok ? <p className="cmd-muted">{t('order.reasonRequired')}</p> : null}
    </Dialog>
  );
}

export interface DiscountDialogProps {
  title: string;
  onConfirm: (value: DiscountValue, reason: string) => void;
  onClose: () => void;
}

/** A percentage or an amount off, with a reason. Approval above the branch limit is asked after. */
export function DiscountDialog({ title, onConfirm, onClose }: DiscountDialogProps) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [percent, setPercent] = useState(10);
  const [amount, setAmount] = useState(0);
  const [reason, setReason] = useState('');
  const value: DiscountValue =
    kind === 'percent' ? { type: 'percent', basisPoints: Math.round(percent * 100) } : { type: 'amount', amount };
  const ok = reason.trim().length > 0 && (kind === 'percent' ? percent > 0 && percent <= 100 : amount > 0);
  return (
    <Dialog
      title={title}
      open
      onClose={onClose}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="cmd-btn cmd-btn-primary" aria-disabled={!ok} onClick={() => ok && onConfirm(value, reason.trim())}>
            {t('common.confirm')}
          </button>
        </>
      }
    >
      <div role="radiogroup" aria-label={t('order.discountKind')} className="cmd-actions">
        <button type="button" role="radio" aria-checked={kind === 'percent'} className="cmd-btn" onClick={() => setKind('percent')}>%</button>
        <button type="button" role="radio" aria-checked={kind === 'amount'} className="cmd-btn" onClick={() => setKind('amount')}>€</button>
      </div>
      {kind === 'percent' ? (
        <div className="cmd-field">
          <label htmlFor="discount-percent">{t('order.percent')}</label>
          <input id="discount-percent" type="number" min={1} max={100} value={percent} onChange={(e) => setPercent(Number(e.target.value))} />
        </div>
      ) : (
        <MoneyField label={t('shift.amount')} value={amount} onChange={(v) => setAmount(v ?? 0)} />
      )}
      <div className="cmd-field">
        <label htmlFor="discount-reason">{t('order.reason')}</label>
        <input id="discount-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </Dialog>
  );
}
