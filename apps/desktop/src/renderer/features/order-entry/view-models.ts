import { activeQuantity, computeOrderBreakdown } from '@comanda/core/orders';
import type { CartLineView, LineKitchenState, TotalsView } from '@comanda/ui';
import type { Order, OrderLine } from '../../till-ports';

function kitchenState(line: OrderLine, order: Order): LineKitchenState {
  const active = activeQuantity(line);
  if (line.stationId === null) return order.status === 'open' ? 'new' : 'sent';
  if (active > 0 && line.firedQuantity >= active) return line.course > 1 && order.firedCourses.includes(line.course) ? 'fired' : 'sent';
  if (active > 0 && line.announcedQuantity >= active) return 'held';
  return 'new';
}

const discountLabel = (line: OrderLine) =>
  line.discount
    ? line.discount.value.type === 'percent'
      ? `−${line.discount.value.basisPoints / 100} %`
      : '−'
    : null;

/** Cart rows from the order; amounts from the core breakdown (discounts applied). */
export function cartLines(order: Order): CartLineView[] {
  const breakdown = computeOrderBreakdown(order);
  const byLine = new Map(breakdown.lines.map((l) => [l.lineId, l]));
  return order.lines.map((line) => {
    const active = activeQuantity(line);
    const priced = byLine.get(line.id);
    const unit = line.unitPrice + line.modifiers.reduce((s, m) => s + m.priceDelta, 0);
    return {
      id: line.id,
      name: line.name,
      quantity: active > 0 ? active : line.quantity,
      // Voided lines show what they were worth; live lines their price after the line discount.
      amount: active > 0 && priced ? priced.gross - priced.lineDiscount : line.quantity * unit,
      modifiers: line.modifiers.map((m) => m.name),
      notes: line.notes === '' ? null : line.notes,
      seat: line.seat,
      course: line.course,
      kitchen: kitchenState(line, order),
      voided: active === 0,
      discountLabel: discountLabel(line),
    };
  });
}

/** Totals panel rows from the order's core totals. */
export function totalsView(order: Order): TotalsView {
  const t = order.totals;
  return {
    subtotal: t.subtotal,
    discounts: t.discountTotal,
    taxes: t.taxes.map((row) => ({
      rateLabel: `${row.rateBasisPoints / 100} %`,
      tax: row.tax,
      inclusive: order.lines.some((l) => l.taxRateBasisPoints === row.rateBasisPoints && l.taxInclusive),
    })),
    rounding: t.cashRounding,
    total: t.totalDue,
    paid: t.paid,
    refunded: t.refunded,
    due: t.due,
  };
}

/** Courses announced to the kitchen but not released yet, lowest first. */
export function heldCourses(order: Order): number[] {
  const held = new Set<number>();
  for (const line of order.lines) {
    if (activeQuantity(line) > line.firedQuantity && line.announcedQuantity > line.firedQuantity) held.add(line.course);
  }
  return [...held].sort((a, b) => a - b);
}
