// The kitchen display with N open tickets on one station screen, driven from bench/kitchen.ts.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { bumpTicket, stationTickets } from '@comanda/core/kitchen';
import type { OrderDoc } from '@comanda/core/orders';
import { I18nProvider } from '@comanda/ui';
import { KitchenDisplay } from '../../src/renderer/features/kitchen/kitchen-display';
import { DEFAULT_AGE_THRESHOLDS, type AgeThresholds } from '../../src/renderer/features/kitchen/kitchen-view';
import { kitchenCtx, sentTwoStationOrder, T0 } from '../../src/renderer/features/testing/kitchen-orders';
import { runService } from './service';

const TICKETS = Number(new URLSearchParams(location.search).get('tickets') ?? 200);
const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));

type State = { orders: OrderDoc[]; now: number; thresholds?: AgeThresholds };
let setState: (s: State) => void = () => undefined;
function Bench({ initial }: { initial: OrderDoc[] }) {
  const [state, set] = useState<State>({ orders: initial, now: T0 + 60_000 });
  setState = set;
  // New handlers on every render, as the real screen passes them.
  const noop = () => undefined;
  return (
    <I18nProvider locale="en" currency="EUR" timeZone="Europe/Paris">
      <KitchenDisplay orders={state.orders} scope={{ kind: 'stations', stations: ['grill'] }} now={state.now} thresholds={state.thresholds ?? DEFAULT_AGE_THRESHOLDS} alarm={false} onBump={noop} onServe={noop} onRecall={noop} sound={noop} />
    </I18nProvider>
  );
}

const orders = Array.from({ length: TICKETS }, (_, i) => sentTwoStationOrder(`o${i}`, T0 + i * 1000, { ticketNumber: i + 1 }));
createRoot(document.getElementById('root')!).render(<Bench initial={orders} />);

/** Times `update` from the state change to the DOM committed (sync render) and to the next frame. */
async function time(updates: (() => State)[]) {
  const commit: number[] = [];
  const frame: number[] = [];
  for (const update of updates) {
    const next = update();
    const t0 = performance.now();
    flushSync(() => setState(next));
    commit.push(performance.now() - t0);
    frame.push((await nextFrame()) - t0);
  }
  return { commit, frame };
}

(window as unknown as { kitchenBench: unknown }).kitchenBench = {
  cards: () => document.querySelectorAll('[data-testid="kitchen-card"]').length,
  async run(rounds: number) {
    await nextFrame();
    let current = orders;
    let now = T0 + 60_000;
    // Baseline: the one-second timer tick re-renders the same 200 cards with nothing bumped.
    const tick = await time(Array.from({ length: rounds }, () => () => ({ orders: current, now: (now += 1000) })));
    // A bump: one ticket new → preparing (the new order built before the clock starts).
    const bumpOf = (i: number) => {
      const order = current[i % current.length]!;
      const ticket = stationTickets(order).find((t) => t.stationId === 'grill' && t.status === 'new');
      return ticket ? bumpTicket(order, ticket, kitchenCtx(T0 + 100_000 + i)) : order;
    };
    const round = (from: number, fresh: boolean) => {
      const bumped = Array.from({ length: rounds }, (_, i) => bumpOf(from + i));
      return time(
        bumped.map((order, i) => () => {
          current = current.map((o, j) => (j === (from + i) % current.length ? order : o));
          // Baseline: a new thresholds object makes every card re-render, as a screen without
          // memoised cards would on each bump (same cards, same bumps, same run).
          return { orders: current, now, ...(fresh ? { thresholds: { ...DEFAULT_AGE_THRESHOLDS } } : {}) };
        }),
      );
    };
    const bump = await round(0, false);
    const full = await round(rounds, true);
    return { tick, bump, full, cards: document.querySelectorAll('[data-testid="kitchen-card"]').length };
  },
  /** One hour of service (see service.ts); `heapCheckpoint` is exposed by the bench script. */
  async service(minutes: number, ticketsPerMinute: number, every: number) {
    const checkpoint = (window as unknown as { heapCheckpoint: (tickets: number) => Promise<void> }).heapCheckpoint;
    flushSync(() => setState({ orders: [], now: T0 }));
    await checkpoint(0);
    return runService({
      minutes,
      ticketsPerMinute,
      every,
      checkpoint,
      render: (list, now) => flushSync(() => setState({ orders: [...list], now })),
    });
  },
};
