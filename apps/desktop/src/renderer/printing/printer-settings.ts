import type { BranchDoc } from '@comanda/core';
import { encodeDocument, type CodepageName, type PrinterFamily } from '@comanda/printing/escpos';
import { testPageLayout } from '@comanda/printing/layout';
import type { PrinterDefinition } from '@comanda/printing/queue';
import type { PrinterConfig } from '../../host/contract.js';
import type { PrinterSetting } from '../till-ports/index.js';
import { columnsOf } from './routing.js';

/** A printer saved by the host, as the settings screen edits it. */
export function settingFromConfig(p: PrinterConfig): PrinterSetting {
  return {
    id: p.id,
    name: p.name,
    host: p.host,
    port: p.port,
    columns: columnsOf(p),
    codepage: p.codepage ?? 'auto',
    stations: [...p.stations],
    backupStations: [...(p.backupStations ?? [])],
  };
}

/** What the host saves; `paperWidth` is kept in step for older readers of printers.json. */
export function configFromSetting(s: PrinterSetting): PrinterConfig {
  return {
    id: s.id,
    name: s.name,
    host: s.host,
    port: s.port,
    stations: [...s.stations],
    paperWidth: s.columns === 32 ? 58 : 80,
    columns: s.columns,
    codepage: s.codepage as PrinterConfig['codepage'],
    backupStations: [...s.backupStations],
  };
}

/** A branch-document printer (read-only on the till) in the settings screen's terms. */
export function settingFromBranchPrinter(p: BranchDoc['printers'][number]): PrinterSetting {
  return {
    id: p.id,
    name: p.name || p.id,
    host: p.host,
    port: p.port,
    columns: p.columns >= 48 ? 48 : p.columns >= 42 ? 42 : 32,
    codepage: 'auto',
    stations: [...p.stationIds, ...(p.receipts ? ['receipt'] : [])],
    backupStations: [],
  };
}

/**
 * The test page for one routed printer, encoded exactly as the worker encodes its jobs (same
 * columns and code pages), so what it shows is what tickets will look like.
 */
export function testPageBytes(printer: PrinterDefinition, at: Date): Uint8Array {
  const doc = testPageLayout({
    printerName: printer.name,
    host: printer.host,
    port: printer.port,
    columns: printer.columns,
    printedAt: at.toISOString(),
  });
  return encodeDocument(doc, {
    columns: printer.columns,
    codepages: printer.codepages as CodepageName[],
    codepageMapping: printer.family as PrinterFamily,
  });
}
