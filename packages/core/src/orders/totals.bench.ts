import { bench, describe } from 'vitest';
import { bigOrder } from '../testing/bench-data';
import { computeOrderTotals } from './totals';

const order = bigOrder(200);

describe('totals of a 200-line order', () => {
  bench('baseline: plain-loop sum of unit price × quantity', () => {
    let sum = 0;
    for (const l of order.lines) {
      let unit = l.unitPrice;
      for (const m of l.modifiers) unit += m.priceDelta;
      sum += unit * (l.quantity - l.voidedQuantity);
    }
    if (sum <= 0) throw new Error('unexpected');
  });

  bench('computeOrderTotals (discounts, per-rate tax, allocation)', () => {
    if (computeOrderTotals(order).total <= 0) throw new Error('unexpected');
  });
});
