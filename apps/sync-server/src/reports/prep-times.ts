import { orderDocSchema } from '@comanda/core';
import {
  prepTimeReport,
  type PrepReportDimension,
  type PrepReportRow,
} from '@comanda/core/kitchen';
import type { Queryable } from '../db/tx';
import { branchZones, loadDocs, type ReportRange } from './sales';

/**
 * Preparation time vs estimate over a business-day range (core's `prepTimeReport` over the synced
 * orders: the kitchen's bumps say when each station ticket was ready).
 */
export async function prepTimes(
  db: Queryable,
  range: ReportRange,
  by: PrepReportDimension,
): Promise<PrepReportRow[]> {
  const zones = await branchZones(db, range.orgId, range.branchIds);
  const orders = await loadDocs(db, 'orders', range, (d) => orderDocSchema.parse(d));
  return prepTimeReport(orders, by, { timeZoneOf: (branchId) => zones.get(branchId) ?? 'UTC' });
}
