import type { BranchDoc } from '@comanda/core';
import { routingFromBranchPrinters, type RoutingConfig } from '@comanda/printing/queue';
import type { PrinterConfig } from '../../host/contract.js';

/** Characters per line of a device printer: its own setting, else what its paper width implies. */
export function columnsOf(p: Pick<PrinterConfig, 'columns' | 'paperWidth'>): 32 | 42 | 48 {
  return p.columns ?? (p.paperWidth === 58 ? 32 : 48);
}

/**
 * Printing routes from the branch document's printers plus the printers saved on this device
 * (printer settings). A device printer with the same id replaces the branch's, and stations a
 * device printer claims are routed to it (device settings are the till's own, newer choice).
 * A device printer's `backupStations` make it the backup of those routes (failover after
 * repeated failures of the primary); its `codepage`, when not 'auto', pins the encoder to it.
 */
export function tillRouting(
  branchPrinters: BranchDoc['printers'],
  devicePrinters: readonly PrinterConfig[],
): RoutingConfig {
  const device = devicePrinters.map((p) => ({
    id: p.id,
    name: p.name,
    host: p.host,
    port: p.port,
    serialPath: p.transport === 'serial' ? (p.serialPath ?? null) : null,
    baudRate: p.baudRate,
    columns: columnsOf(p),
    stationIds: p.stations.filter((s) => s !== 'receipt'),
    receipts: p.stations.includes('receipt'),
  }));
  const ids = new Set(device.map((p) => p.id));
  // Columns must be a width the encoder supports: the widest that still fits the paper.
  const branch = branchPrinters
    .filter((p) => !ids.has(p.id))
    .map((p) => ({ ...p, columns: p.columns >= 48 ? 48 : p.columns >= 42 ? 42 : 32 }));
  const backups: Record<string, string> = {};
  for (const p of devicePrinters)
    for (const route of p.backupStations ?? []) backups[route] ??= p.id;
  const routing = routingFromBranchPrinters([...branch, ...device], backups);
  // A backup must not back itself up: the primary of that route is then the only printer.
  for (const r of Object.values(routing.routes)) if (r.backup === r.primary) r.backup = null;
  const pinned = new Map(
    devicePrinters
      .filter((p) => p.codepage && p.codepage !== 'auto')
      .map((p) => [p.id, p.codepage!]),
  );
  return {
    ...routing,
    printers: routing.printers.map((p) => {
      const codepage = pinned.get(p.id);
      return codepage ? { ...p, codepages: [codepage] } : p;
    }),
  };
}
