import { useState } from 'react';
import { useStore } from 'zustand';
import { activeQuantity, lastKitchenSends, ticketLabel } from '@comanda/core/orders';
import { Cart, ErrorState, TotalsPanel, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { OrderPersistenceStatus } from '../app/order-persistence-status';
import { DiscountDialog, LineEditDialog, ReasonDialog } from './line-dialogs';
import { KitchenStatusBar, useReadyEstimate } from './kitchen-status';
import { ServiceDialog } from './service-dialog';
import { SplitDialog } from './split-dialog';
import { cartLines, heldCourses, totalsView } from './view-models';

type OpenDialog = 'edit' | 'void' | 'void-order' | 'discount-line' | 'discount-order' | 'split' | 'service' | null;

/** The current order: header, saved/synced/printed, cart, totals and the actions on it. */
export function OrderPanel() {
  const { order: store, menu, app } = useTill();
  const { t, money } = useI18n();
  const { order, selectedLineId, actionError, saveError } = useStore(store);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const estimate = useReadyEstimate(order);
  if (!order) return null;
  const s = store.getState();
  const selected = order.lines.find((l) => l.id === selectedLineId) ?? null;
  const editable = order.status === 'open' || order.status === 'sent';
  const held = heldCourses(order);
  const hasUnsent = order.lines.some((l) => l.stationId !== null && activeQuantity(l) > Math.max(l.firedQuantity, l.announcedQuantity));
  const close = () => setDialog(null);
  const reprints = order.status === 'voided' ? [] : lastKitchenSends(order);
  const hasActive = order.lines.some((l) => activeQuantity(l) > 0);
  const canPay = hasActive && order.totals.due > 0;
  // Paid in one tap: the payment screen then shows the receipt and Done.
  const payInFull = (method: 'cash' | 'card') =>
    void s.payInFull(method).then(() => {
      if (store.getState().order?.status === 'paid') app.getState().go('payment');
    });

  return (
    <section className="cmd-order" aria-labelledby="order-title">
      <header className="cmd-order-header">
        <h2 id="order-title">
          {t('order.ticket', { number: ticketLabel(order) })} ·{' '}
          {order.type === 'dineIn'
            ? `${t('order.tableN', { table: order.table ?? '—' })}${order.covers ? ` · ${t('order.coversN', { covers: order.covers })}` : ''}`
            : (order.customerName ?? t('order.takeaway'))}
        </h2>
        <OrderPersistenceStatus />
        {editable ? (
          <>
            <button type="button" className="cmd-btn" onClick={() => setDialog('service')}>
              {t('order.service')}
            </button>
            {/* Apart from Pay, at the other end of the panel, and it asks for a reason before acting. */}
            <button type="button" className="cmd-btn cmd-btn-danger" disabled={order.payments.length > 0} onClick={() => setDialog('void-order')}>
              {t('order.voidOrder')}
            </button>
          </>
        ) : null}
      </header>
      <KitchenStatusBar order={order} estimate={hasUnsent ? estimate : null} onServed={() => void s.markServed()} />
      <Cart
        lines={cartLines(order)}
        selectedId={selectedLineId}
        onSelect={(id) => s.select(id === selectedLineId ? null : id)}
        onIncrement={(id) => void s.increment(id, menu)}
        onDecrement={(id) => void s.decrement(id)}
        readOnly={!editable}
      />
      <TotalsPanel totals={totalsView(order)} />
      {actionError ? (
        <p className="cmd-field-error" role="alert">
          {actionError}
        </p>
      ) : null}
      {saveError ? <ErrorState title={t('status.saveFailed')} message={saveError} onRetry={() => void s.retrySave()} /> : null}
      {reprints.length > 0 ? (
        <div className="cmd-actions" role="toolbar" aria-label={t('order.reprintKitchen')}>
          {reprints.map((r) => (
            <button key={r.stationId} type="button" className="cmd-btn cmd-btn-small" onClick={() => void s.reprintKitchen(r.stationId)}>
              {t('order.reprintStation', { station: menu.stations[r.stationId]?.name ?? r.stationId })}
            </button>
          ))}
        </div>
      ) : null}
      {editable ? (
        <div className="cmd-actions" role="toolbar" aria-label={t('order.actions')}>
          <button type="button" className="cmd-btn cmd-btn-primary" disabled={!hasUnsent} onClick={() => void s.send(estimate)}>
            {t('order.send')}
          </button>
          {held.map((course) => (
            <button key={course} type="button" className="cmd-btn" onClick={() => void s.fire(course)}>
              {t('order.fire', { course })}
            </button>
          ))}
          <button type="button" className="cmd-btn" disabled={!selected} onClick={() => setDialog('edit')}>
            {t('order.editLine')}
          </button>
          <button type="button" className="cmd-btn" disabled={!selected || activeQuantity(selected) === 0} onClick={() => setDialog('void')}>
            {t('order.void')}
          </button>
          <button type="button" className="cmd-btn" disabled={!selected} onClick={() => setDialog('discount-line')}>
            {t('order.discountLine')}
          </button>
          <button type="button" className="cmd-btn" disabled={order.lines.length === 0} onClick={() => setDialog('discount-order')}>
            {t('order.discountOrder')}
          </button>
          <button type="button" className="cmd-btn" disabled={order.payments.length > 0 || order.lines.length < 2} onClick={() => setDialog('split')}>
            {t('order.split')}
          </button>
          <button type="button" className="cmd-btn" disabled={!hasActive} onClick={() => void s.printBill()}>
            {t('order.printBill')}
          </button>
          <button type="button" className="cmd-btn" onClick={() => s.park()}>
            {t('order.park')}
          </button>
        </div>
      ) : null}
      {editable ? (
        <div className="cmd-pay-bar" role="toolbar" aria-label={t('order.pay')}>
          <button type="button" className="cmd-btn" disabled={!canPay} onClick={() => payInFull('cash')}>
            {t('payment.exactCashFull', { amount: money(order.totals.cashDue) })}
          </button>
          <button type="button" className="cmd-btn" disabled={!canPay} onClick={() => payInFull('card')}>
            {t('payment.cardFull', { amount: money(order.totals.due) })}
          </button>
          <button type="button" className="cmd-btn cmd-btn-primary" disabled={order.totals.due === 0} onClick={() => app.getState().go('payment')}>
            {t('order.pay')}
          </button>
        </div>
      ) : null}
      {editable ? null : order.status === 'voided' ? (
        <div className="cmd-actions">
          <p className="cmd-field-error" role="status">
            {t('order.voidedBecause', { reason: order.voidReason ?? '—' })}
          </p>
          <button type="button" className="cmd-btn" onClick={() => s.park()}>
            {t('common.close')}
          </button>
        </div>
      ) : (
        <div className="cmd-actions">
          <button type="button" className="cmd-btn" onClick={() => app.getState().go('payment')}>
            {t('order.receiptAndRefunds')}
          </button>
          <button type="button" className="cmd-btn" onClick={() => s.park()}>
            {t('common.close')}
          </button>
        </div>
      )}
      {dialog === 'edit' && selected ? (
        <LineEditDialog
          line={selected}
          onClose={close}
          onSave={(details) => {
            close();
            void s.setLineDetails(selected.id, details);
          }}
        />
      ) : null}
      {dialog === 'void' && selected ? (
        <ReasonDialog
          title={t('order.voidTitle', { item: selected.name })}
          maxQuantity={activeQuantity(selected)}
          onClose={close}
          onConfirm={(reason, quantity) => {
            close();
            void s.voidLine(selected.id, quantity, reason);
          }}
        />
      ) : null}
      {dialog === 'void-order' ? (
        <ReasonDialog
          title={t('order.voidOrderTitle', { number: ticketLabel(order) })}
          help={t('order.voidOrderHelp')}
          onClose={close}
          onConfirm={(reason) => {
            close();
            void s.voidOrder(reason).then(() => {
              const after = store.getState().order;
              if (after?.status === 'voided') app.getState().toast({ key: 'order.voidedToast', params: { number: ticketLabel(after) } }, 'success');
            });
          }}
        />
      ) : null}
      {dialog === 'discount-line' || dialog === 'discount-order' ? (
        <DiscountDialog
          title={dialog === 'discount-line' && selected ? t('order.discountFor', { item: selected.name }) : t('order.discountOrder')}
          onClose={close}
          onConfirm={(value, reason) => {
            const target = dialog === 'discount-line' && selected ? { lineId: selected.id } : ('order' as const);
            close();
            void s.discount({ target, value, reason });
          }}
        />
      ) : null}
      {dialog === 'service' ? (
        <ServiceDialog
          order={order}
          onClose={close}
          onSave={(input) => {
            close();
            void s.setService(input);
          }}
        />
      ) : null}
      {dialog === 'split' ? (
        <SplitDialog
          order={order}
          onClose={close}
          onSplit={(moves) => {
            close();
            void s.splitByItems(moves).then((created) => {
              if (created) app.getState().toast({ key: 'order.splitDone', params: { number: ticketLabel(created) } }, 'success');
            });
          }}
        />
      ) : null}
    </section>
  );
}
