import { allocate } from '../money/allocate';
import { divRoundHalfAwayFromZero } from '../money/money';
import type { TaxSummaryRow } from '../tax/tax-summary-schema';

/**
 * The fields of an order that determine the tax of its refunds (an `OrderDoc` fits, and so does
 * a receipt printer's copy of one). A line without a rate counts as a plain amount.
 */
export interface RefundedOrder {
  readonly lines: readonly { readonly id: string; readonly taxRateBasisPoints?: number }[];
  readonly refunds: readonly {
    readonly amount: number;
    readonly lines: readonly { readonly lineId: string; readonly amount: number }[];
  }[];
  readonly totals: { readonly taxes: readonly TaxSummaryRow[] };
}

/** `rowTax × part / rowGross`, rounded half away from zero (0 for an empty row). */
function taxShare(row: TaxSummaryRow, part: number): number {
  if (row.gross === 0) return 0;
  return Number(divRoundHalfAwayFromZero(BigInt(row.tax) * BigInt(part), BigInt(row.gross)));
}

/**
 * The VAT table of each refund of an order (same order as `order.refunds`): per rate, the gross
 * refunded and the part of the order's tax at that rate it gives back. A per-line refund is at
 * its lines' rates; a plain-amount refund is spread over the rates by what is left to refund at
 * each (largest remainder). The tax is the order's tax at that rate times the share of the
 * rate's gross refunded so far, minus what earlier refunds gave back: the refunds of a fully
 * refunded order give back exactly the tax the receipt printed, never a cent more or less.
 * For every row net + tax = gross, and the rows' gross adds up to the refund's amount.
 */
export function refundTaxRows(order: RefundedOrder): TaxSummaryRow[][] {
  const rows = order.totals.taxes;
  const rateOfLine = new Map(order.lines.map((l) => [l.id, l.taxRateBasisPoints]));
  const refundedGross = new Map<number, number>();
  return order.refunds.map((refund) => {
    const gross = new Map<number, number>();
    const add = (rate: number, amount: number) => gross.set(rate, (gross.get(rate) ?? 0) + amount);
    const left = (rate: number) => {
      const row = rows.find((r) => r.rateBasisPoints === rate);
      return Math.max(
        0,
        (row?.gross ?? 0) - (refundedGross.get(rate) ?? 0) - (gross.get(rate) ?? 0),
      );
    };
    // Lines go to their rate as far as that rate has sales left to give back; the rest (a
    // plain amount, or lines whose rate an earlier plain amount already drew on) is spread over
    // what is left at each rate, so a fully refunded order has given back each rate exactly.
    let rest = refund.amount;
    for (const rl of refund.lines) {
      const rate = rateOfLine.get(rl.lineId);
      if (rate === undefined) continue;
      const part = Math.min(rl.amount, rest, left(rate));
      add(rate, part);
      rest -= part;
    }
    if (rest > 0) {
      const room = rows.map((r) => left(r.rateBasisPoints));
      // Beyond what is left (a refund of a cash-rounding surplus) the rates keep their weight.
      const weights = room.some((w) => w > 0) ? room : rows.map((r) => Math.max(0, r.gross));
      const parts = weights.some((w) => w > 0) ? allocate(rest, weights) : null;
      if (parts) rows.forEach((r, i) => add(r.rateBasisPoints, parts[i] ?? 0));
      else add(rows[0]?.rateBasisPoints ?? 0, rest);
    }
    const out: TaxSummaryRow[] = [];
    for (const [rate, g] of [...gross.entries()].sort((a, b) => a[0] - b[0])) {
      if (g === 0) continue;
      const before = refundedGross.get(rate) ?? 0;
      refundedGross.set(rate, before + g);
      const row = rows.find((r) => r.rateBasisPoints === rate);
      const tax = row ? taxShare(row, before + g) - taxShare(row, before) : 0;
      out.push({ rateBasisPoints: rate, net: g - tax, tax, gross: g });
    }
    return out;
  });
}
