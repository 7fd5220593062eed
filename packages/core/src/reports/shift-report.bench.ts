import { bench, describe } from 'vitest';
import { shiftWithOrders } from '../testing/bench-data';
import { buildZReport } from './shift-report';

const { shift, orders } = shiftWithOrders(100_000);

describe('Z report over 100,000 orders', () => {
  bench(
    'baseline: plain-loop sum of payment amounts',
    () => {
      let sum = 0;
      for (const o of orders) for (const p of o.payments) sum += p.amount;
      if (sum <= 0) throw new Error('unexpected');
    },
    { time: 1000 },
  );

  bench(
    'buildZReport (methods, tax by rate, discounts, voids, refunds, cash)',
    () => {
      if (buildZReport(shift, orders).paymentsTotal <= 0) throw new Error('unexpected');
    },
    { time: 1000 },
  );
});
