import { overpaidAmount, SETTLED_STATUSES, type PaymentMethod } from '@comanda/core/orders';
import { useI18n } from '@comanda/ui';
import type { Order } from '../../till-ports';

/**
 * Two tills took payment for the same table at once (both payments are kept by the order merge):
 * says how much was paid too much and offers it back, as cash change or a card refund. Either is a
 * refund of that amount, approved by a manager like any refund.
 */
export function OverpaidNotice({ order, onReturn }: { order: Order; onReturn: (method: PaymentMethod, amount: number) => void }) {
  const { t, money } = useI18n();
  const amount = overpaidAmount(order);
  if (amount <= 0) return null;
  // Refunds are taken on settled orders; an order a void reopened is settled (paid) first.
  const refundable = SETTLED_STATUSES.includes(order.status);
  return (
    <div role="alert" className="cmd-overpaid">
      <p>{t('payment.overpaid', { amount: money(amount) })}</p>
      {refundable ? (
        <div className="cmd-actions">
          <button type="button" className="cmd-btn" onClick={() => onReturn('cash', amount)}>
            {t('payment.overpaidCash', { amount: money(amount) })}
          </button>
          <button type="button" className="cmd-btn" onClick={() => onReturn('card', amount)}>
            {t('payment.overpaidCard', { amount: money(amount) })}
          </button>
        </div>
      ) : null}
    </div>
  );
}
