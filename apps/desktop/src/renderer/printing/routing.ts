import type { BranchDoc } from '@comanda/core';
import { routingFromBranchPrinters, type RoutingConfig } from '@comanda/printing/queue';
import type { PrinterConfig } from '../../host/contract.js';

/**
 * Printing routes from the branch document's printers plus the printers saved on this device
 * (printer settings). A device printer with the same id replaces the branch's, and stations a
 * device printer claims are routed to it (device settings are the till's own, newer choice).
 */
export function tillRouting(branchPrinters: BranchDoc['printers'], devicePrinters: readonly PrinterConfig[]): RoutingConfig {
  const device = devicePrinters.map((p) => ({
    id: p.id,
    name: p.name,
    host: p.host,
    port: p.port,
    columns: p.paperWidth === 58 ? 32 : 48,
    stationIds: p.stations.filter((s) => s !== 'receipt'),
    receipts: p.stations.includes('receipt'),
  }));
  const ids = new Set(device.map((p) => p.id));
  // Columns must be a width the encoder supports: the widest that still fits the paper.
  const branch = branchPrinters
    .filter((p) => !ids.has(p.id))
    .map((p) => ({ ...p, columns: p.columns >= 48 ? 48 : p.columns >= 42 ? 42 : 32 }));
  return routingFromBranchPrinters([...branch, ...device]);
}
