import { useState } from 'react';
import { activeQuantity, type PaymentMethod, ticketLabel } from '@comanda/core/orders';
import { Dialog, useI18n } from '@comanda/ui';
import type { Order } from '../../till-ports';

export interface RefundRequest {
  lines: { lineId: string; quantity: number }[];
  method: PaymentMethod;
  reason: string;
}

/** Units already refunded per line. */
function refundedUnits(order: Order): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of order.refunds) for (const l of r.lines) out.set(l.lineId, (out.get(l.lineId) ?? 0) + l.quantity);
  return out;
}

/** Refund some or all units of a paid order's lines; the manager approves afterwards. */
export function RefundDialog({ order, onRefund, onClose }: { order: Order; onRefund: (r: RefundRequest) => void; onClose: () => void }) {
  const { t } = useI18n();
  const refunded = refundedUnits(order);
  const lines = order.lines
    .map((l) => ({ line: l, max: activeQuantity(l) - (refunded.get(l.id) ?? 0) }))
    .filter((x) => x.max > 0);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [method, setMethod] = useState<PaymentMethod>(order.payments[0]?.method ?? 'cash');
  const [reason, setReason] = useState('');
  const chosen = Object.entries(qty)
    .filter(([, q]) => q > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));
  const ok = chosen.length > 0 && reason.trim() !== '';
  return (
    <Dialog
      title={t('refund.title', { number: ticketLabel(order) })}
      open
      role="alertdialog"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="cmd-btn" onClick={() => setQty(Object.fromEntries(lines.map((x) => [x.line.id, x.max])))}>
            {t('refund.all')}
          </button>
          <button type="button" className="cmd-btn cmd-btn-danger" aria-disabled={!ok} onClick={() => ok && onRefund({ lines: chosen, method, reason: reason.trim() })}>
            {t('refund.confirm')}
          </button>
        </>
      }
    >
      <ul className="cmd-split-lines">
        {lines.map(({ line, max }) => (
          <li key={line.id} className="cmd-field">
            <label htmlFor={`refund-${line.id}`}>{line.name}</label>
            <input
              id={`refund-${line.id}`}
              type="number"
              min={0}
              max={max}
              value={qty[line.id] ?? 0}
              onChange={(e) => setQty({ ...qty, [line.id]: Math.min(max, Math.max(0, Number(e.target.value) || 0)) })}
            />{' '}
            / {max}
          </li>
        ))}
      </ul>
      <div role="radiogroup" aria-label={t('refund.method')} className="cmd-actions">
        {(['cash', 'card'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={method === m} className="cmd-btn" onClick={() => setMethod(m)}>
            {t(m === 'cash' ? 'payment.cash' : 'payment.card')}
          </button>
        ))}
      </div>
      <div className="cmd-field">
        <label htmlFor="refund-reason">{t('order.reason')}</label>
        <input id="refund-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </Dialog>
  );
}
