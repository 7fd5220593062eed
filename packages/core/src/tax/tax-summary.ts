import { allocate } from '../money/allocate';
import { assertMinorUnits, divRoundHalfAwayFromZero, type MinorUnits } from '../money/money';
import type { TaxRule } from './tax-class';
import type { TaxSummaryRow } from './tax-summary-schema';

/** An amount to tax: a line's amount after discounts, as priced (gross if inclusive, net if exclusive). */
export interface TaxableAmount extends TaxRule {
  readonly amount: MinorUnits;
}

/** Result of {@link computeTaxSummary}. */
export interface TaxSummary {
  /** One row per rate, ascending by rate. For every row net + tax = gross exactly. */
  readonly rows: TaxSummaryRow[];
  /** Sum of the rows' tax. */
  readonly taxTotal: MinorUnits;
  /** Tax added on top of exclusive prices (0 when every price is tax-inclusive). */
  readonly addedTax: MinorUnits;
  /** Sum of the rows' gross: what the customer owes before cash rounding. */
  readonly gross: MinorUnits;
  /**
   * Per input entry (same order): its share of its group's tax, allocated by
   * largest remainder. All zeros when called with `perEntry: false` (totals only).
   */
  readonly entryTax: MinorUnits[];
}

/**
 * Tax of one group of amounts that share a rate and pricing mode.
 *
 * Rounding policy (see README): tax is computed ONCE per rate group of an
 * order on the summed amounts, not per line, and rounded half away from zero
 * to the minor unit:
 * - inclusive: tax = round(gross × r / (10000 + r)), net = gross − tax;
 * - exclusive: tax = round(net × r / 10000), gross = net + tax.
 * Per-group rounding keeps receipts, Z reports and the server in agreement
 * (the printed per-rate summary is exactly what was charged) and avoids the
 * cent drift of summing per-line rounded taxes. Half away from zero makes
 * refunds mirror sales. Arithmetic is BigInt, so no float ever touches money.
 */
export function taxOfGroup(
  amount: MinorUnits,
  rule: TaxRule,
): { net: MinorUnits; tax: MinorUnits; gross: MinorUnits } {
  assertMinorUnits(amount);
  const r = BigInt(rule.rateBasisPoints);
  const a = BigInt(amount);
  if (rule.inclusive) {
    const tax = Number(divRoundHalfAwayFromZero(a * r, 10_000n + r));
    return { net: amount - tax, tax, gross: amount };
  }
  const tax = Number(divRoundHalfAwayFromZero(a * r, 10_000n));
  return { net: amount, tax, gross: assertMinorUnits(amount + tax, 'gross') };
}

/**
 * Summarizes the tax of an order (or of a refund, or of a whole report) by
 * rate: net, tax and gross per rate, exactly what receipts and Z reports print.
 * Groups are (rate, inclusive); a rate used both inclusively and exclusively
 * is taxed per mode and then shown as one row.
 * @param entries amounts with their tax rule
 * @param options `perEntry: false` skips allocating tax back to entries (faster, totals only)
 */
export function computeTaxSummary(
  entries: readonly TaxableAmount[],
  options: { readonly perEntry?: boolean } = {},
): TaxSummary {
  const perEntry = options.perEntry ?? true;
  const groups = new Map<string, { rule: TaxRule; amount: number; members: number[] }>();
  entries.forEach((e, index) => {
    assertMinorUnits(e.amount, 'taxable amount');
    const key = `${e.rateBasisPoints}:${e.inclusive ? 'i' : 'e'}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        rule: { rateBasisPoints: e.rateBasisPoints, inclusive: e.inclusive },
        amount: 0,
        members: [],
      };
      groups.set(key, g);
    }
    g.amount += e.amount;
    g.members.push(index);
  });
  const byRate = new Map<number, TaxSummaryRow>();
  const entryTax: number[] = entries.map(() => 0);
  let addedTax = 0;
  for (const g of groups.values()) {
    const t = taxOfGroup(assertMinorUnits(g.amount, 'taxable total'), g.rule);
    if (!g.rule.inclusive) addedTax += t.tax;
    const row = byRate.get(g.rule.rateBasisPoints) ?? {
      rateBasisPoints: g.rule.rateBasisPoints,
      net: 0,
      tax: 0,
      gross: 0,
    };
    byRate.set(g.rule.rateBasisPoints, {
      ...row,
      net: row.net + t.net,
      tax: row.tax + t.tax,
      gross: row.gross + t.gross,
    });
    const weights = perEntry ? g.members.map((i) => Math.abs(entries[i]?.amount ?? 0)) : [];
    if (weights.some((w) => w > 0)) {
      allocate(t.tax, weights).forEach((share, k) => {
        const idx = g.members[k];
        if (idx !== undefined) entryTax[idx] = share;
      });
    }
  }
  // Rows of nothing (e.g. only voided lines at a rate) would print as noise on receipts.
  const rows = [...byRate.values()]
    .filter((r) => r.gross !== 0 || r.tax !== 0)
    .sort((a, b) => a.rateBasisPoints - b.rateBasisPoints);
  let taxTotal = 0;
  let gross = 0;
  for (const r of rows) {
    taxTotal += r.tax;
    gross += r.gross;
  }
  return { rows, taxTotal, addedTax, gross, entryTax };
}

/** Adds tax summary rows by rate (e.g. many orders into a Z report). Rows stay exact: net + tax = gross. */
export function mergeTaxRows(rowSets: Iterable<readonly TaxSummaryRow[]>): TaxSummaryRow[] {
  const byRate = new Map<number, TaxSummaryRow>();
  for (const rows of rowSets) {
    for (const r of rows) {
      const acc = byRate.get(r.rateBasisPoints);
      if (acc) {
        acc.net += r.net;
        acc.tax += r.tax;
        acc.gross += r.gross;
      } else byRate.set(r.rateBasisPoints, { ...r });
    }
  }
  return [...byRate.values()].sort((a, b) => a.rateBasisPoints - b.rateBasisPoints);
}
