import { useEffect, useState } from 'react';
import { stationParallelism } from '@comanda/core/branch';
import { estimateOrderReady, orderKitchenStatus, orderReadyAt, type OrderKitchenStatus } from '@comanda/core/kitchen';
import { useI18n, type MessageKey } from '@comanda/ui';
import { useTill } from '../app/till-context';
import type { Order } from '../../till-ports';

/** How far back the kitchen queue is read: a ticket sent longer ago is not holding a station any more. */
const QUEUE_WINDOW_MS = 6 * 3_600_000;
/** Most orders read for the queue (a busy evening's worth). */
const QUEUE_LIMIT = 500;

const BADGE: Record<Exclude<OrderKitchenStatus, 'none'>, { key: MessageKey; tone: string }> = {
  new: { key: 'orderKitchen.new', tone: 'cmd-badge-idle' },
  preparing: { key: 'orderKitchen.preparing', tone: 'cmd-badge-busy' },
  ready: { key: 'orderKitchen.ready', tone: 'cmd-badge-ok' },
  served: { key: 'orderKitchen.served', tone: 'cmd-badge-idle' },
};

/**
 * Minutes until what the order has not sent yet would be ready if sent now (core's
 * `estimateOrderReady` over this till's recent orders still in the kitchen), or `null`.
 * Read again whenever the order changes.
 */
export function useReadyEstimate(order: Order | null): number | null {
  const { ports, menu, branch } = useTill();
  const [minutes, setMinutes] = useState<number | null>(null);
  useEffect(() => {
    if (!order) return setMinutes(null);
    let live = true;
    const now = ports.clock.now();
    void ports.orders
      .list({ status: ['sent', 'paid', 'closed'], from: now - QUEUE_WINDOW_MS, limit: QUEUE_LIMIT })
      .then((recent) => {
        if (!live) return;
        setMinutes(
          estimateOrderReady(order, recent, {
            prepMinutesOf: (itemId) => menu.items[itemId]?.prepMinutes,
            parallelism: (stationId) => stationParallelism(branch, stationId),
            now,
          }),
        );
      })
      .catch(() => live && setMinutes(null));
    return () => {
      live = false;
    };
    // A new order object is a new version (the store replaces it on every change; the clock may not move).
  }, [order, ports, menu, branch]);
  return minutes;
}

/** An order's kitchen status as a badge (nothing before it went to a station). */
export function KitchenStatusBadge({ order }: { order: Order }) {
  const { t } = useI18n();
  const status = orderKitchenStatus(order);
  if (status === 'none') return null;
  const badge = BADGE[status];
  return (
    <span className={`cmd-badge ${badge.tone}`} data-testid="kitchen-status" data-status={status}>
      {t(badge.key)}
    </span>
  );
}

/**
 * The order's kitchen line: its status, when it should be ready (the estimate for what is not sent
 * yet, else the time the guest was told) and "Mark served" once the kitchen says ready.
 */
export function KitchenStatusBar({ order, estimate, onServed }: { order: Order; estimate: number | null; onServed: () => void }) {
  const { t, time } = useI18n();
  const status = orderKitchenStatus(order);
  const readyAt = orderReadyAt(order);
  const waiting = status === 'new' || status === 'preparing';
  // 0 means the menu gives no prep time for these items: saying "~0 min" would be a promise.
  const minutes = estimate !== null && estimate > 0 ? estimate : null;
  if (status === 'none' && minutes === null) return null;
  return (
    <div className="cmd-actions" role="group" aria-label={t('orderKitchen.title')}>
      <KitchenStatusBadge order={order} />
      {minutes !== null ? (
        <span data-testid="ready-estimate">{t('orderKitchen.readyIn', { minutes })}</span>
      ) : waiting && readyAt !== null ? (
        <span data-testid="ready-estimate">{t('orderKitchen.readyAround', { time: time(readyAt) })}</span>
      ) : null}
      {status === 'ready' ? (
        <button type="button" className="cmd-btn cmd-btn-primary" onClick={onServed}>
          {t('orderKitchen.markServed')}
        </button>
      ) : null}
    </div>
  );
}
