import { ticketLabel } from '@comanda/core/orders';
import { useState } from 'react';
import { useStore } from 'zustand';
import { PaymentPanel, ReceiptPreview, TotalsPanel, useI18n, type PaymentRequest } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { OrderPersistenceStatus } from '../app/order-persistence-status';
import { totalsView } from '../order-entry/view-models';
import { printedReceiptModel } from './receipt-model';
import { OverpaidNotice } from './overpaid-notice';
import { RefundDialog } from './refund-dialog';

/** Take payment (cash, card, split), print or reprint the receipt, refund a paid order. */
export function PaymentScreen() {
  const { order: store, branch, app, session, ports } = useTill();
  const i18n = useI18n();
  const { t } = i18n;
  const { order, actionError, saveState } = useStore(store);
  const cashier = useStore(session, (st) => st.user?.name ?? '');
  const [refunding, setRefunding] = useState(false);
  if (!order) return null;
  const s = store.getState();
  const paid = order.status === 'paid' || order.status === 'closed' || order.status === 'refunded';
  const pay = (request: PaymentRequest) =>
    void s.pay(
      request.method === 'cash'
        ? { method: 'cash', tendered: request.tendered, amount: request.amount }
        : { method: 'card', amount: request.amount, reference: request.reference },
    );

  return (
    <main className="cmd-screen cmd-payment-screen" aria-labelledby="payment-title">
      <header className="cmd-order-header">
        <h1 id="payment-title">
          {t('payment.title')} · {t('order.ticket', { number: ticketLabel(order) })}
        </h1>
        <OrderPersistenceStatus />
      </header>
      {/* Totals and the receipt scroll on the side; the panel with its Take button keeps the main column. */}
      <div className="cmd-payment-layout">
        {/* A scrolling pane without buttons: focusable so the keyboard can scroll it too. */}
        <section tabIndex={0} aria-label={t('receipt.preview')}>
          <TotalsPanel totals={totalsView(order)} />
          <ReceiptPreview model={printedReceiptModel(order, branch, cashier, ports.clock.now(), i18n)} />
        </section>
        <div>
          {paid ? (
            <p role="status" className="cmd-paid">{t('payment.paidInFull')}</p>
          ) : (
            <PaymentPanel
              due={order.totals.due}
              payments={order.payments.map((p) => ({ id: p.id, method: p.method, amount: p.amount, reference: p.reference, change: p.change }))}
              onPay={pay}
              busy={saveState === 'saving'}
            />
          )}
          <OverpaidNotice order={order} onReturn={(method, amount) => void s.refund({ amount, method, reason: t('payment.overpaidReason'), approvedBy: null })} />
          {actionError ? <p className="cmd-field-error" role="alert">{actionError}</p> : null}
          <div className="cmd-actions">
            {paid ? (
              <>
                <button type="button" className="cmd-btn" onClick={() => void s.printReceipt()}>
                  {order.printRequests.some((r) => r.kind === 'receipt') ? t('receipt.reprint') : t('receipt.print')}
                </button>
                <button type="button" className="cmd-btn" disabled={order.totals.paid - order.totals.refunded <= 0} onClick={() => setRefunding(true)}>
                  {t('refund.action')}
                </button>
                <button
                  type="button"
                  className="cmd-btn cmd-btn-primary"
                  onClick={() => {
                    s.park();
                    app.getState().go('order');
                  }}
                >
                  {t('payment.done')}
                </button>
              </>
            ) : (
              <button type="button" className="cmd-btn" onClick={() => app.getState().go('order')}>
                {t('common.back')}
              </button>
            )}
          </div>
        </div>
      </div>
      {refunding ? (
        <RefundDialog
          order={order}
          onClose={() => setRefunding(false)}
          onRefund={(r) => {
            setRefunding(false);
            void s.refund({ lines: r.lines, method: r.method, reason: r.reason, approvedBy: null });
          }}
        />
      ) : null}
    </main>
  );
}
