import { useEffect, useState } from 'react';
import { bumpTicket, markServed, recallServed, recallTicket, type StationTicketRef } from '@comanda/core/kitchen';
import type { KitchenConnection, KitchenPorts, KitchenScope, Order } from '../../till-ports';
import { KitchenDisplay } from './kitchen-display';
import { lastReady, lastServed, silenceAlarm } from './kitchen-view';

const ref = (t: StationTicketRef): StationTicketRef => ({ requestId: t.requestId, stationId: t.stationId });

/**
 * A device paired as a kitchen screen: the branch's orders from its ports (replicated from the hub
 * or the server like a till's, so it keeps its tickets through a restart and fails over from hub to
 * server), bumps written to the order and pushed like any till edit, the clock ticking for the
 * timers, and the alarm when the hub or server has been silent for 10 s.
 */
export function KitchenScreen({ ports, scope }: { ports: KitchenPorts; scope: KitchenScope }) {
  const [orders, setOrders] = useState<readonly Order[]>([]);
  const [connection, setConnection] = useState<KitchenConnection | null>(null);
  const [now, setNow] = useState(() => ports.clock.now());
  const [startedAt] = useState(now);
  useEffect(() => ports.subscribeOrders(setOrders), [ports]);
  useEffect(() => ports.subscribeConnection(setConnection), [ports]);
  useEffect(() => {
    const timer = setInterval(() => setNow(ports.clock.now()), 1000);
    return () => clearInterval(timer);
  }, [ports]);
  // A bump on a ticket another screen just moved on is refused by core: nothing to undo here.
  const run = (orderId: string, action: Parameters<KitchenPorts['update']>[1]) =>
    void ports.update(orderId, action).catch((error: unknown) => console.warn('kitchen action not applied', error));

  return (
    <KitchenDisplay
      orders={orders}
      scope={scope}
      now={now}
      alarm={ports.paired && connection !== null && silenceAlarm(connection, now, startedAt)}
      onBump={(card) => run(card.orderId, (o, ctx) => bumpTicket(o, ref(card), ctx))}
      onServe={(card) => run(card.orderId, (o, ctx) => markServed(o, ctx))}
      onRecall={() => {
        if (scope.kind === 'expo') {
          const order = lastServed(orders);
          if (order) run(order.id, (o, ctx) => recallServed(o, ctx));
          return;
        }
        const card = lastReady(orders, scope.stations);
        if (card) run(card.orderId, (o, ctx) => recallTicket(o, ref(card), ctx));
      }}
    />
  );
}
