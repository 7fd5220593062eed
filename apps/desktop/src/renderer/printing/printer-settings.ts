import type { BranchDoc } from '@comanda/core';
import type { PrinterConfig } from '../../host/contract.js';
import type { PrinterSetting } from '../till-ports/index.js';
import { columnsOf } from './routing.js';

/** A printer saved by the host, as the settings screen edits it. */
export function settingFromConfig(p: PrinterConfig): PrinterSetting {
  return {
    id: p.id,
    name: p.name,
    transport: p.transport ?? 'tcp',
    host: p.host,
    port: p.port,
    serialPath: p.serialPath ?? '',
    baudRate: p.baudRate ?? 9600,
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
    transport: s.transport,
    host: s.transport === 'tcp' ? s.host : '',
    port: s.port,
    ...(s.transport === 'serial'
      ? { serialPath: s.serialPath, baudRate: s.baudRate as PrinterConfig['baudRate'] }
      : {}),
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
    transport: 'tcp',
    host: p.host,
    port: p.port,
    serialPath: '',
    baudRate: 9600,
    columns: p.columns >= 48 ? 48 : p.columns >= 42 ? 42 : 32,
    codepage: 'auto',
    stations: [...p.stationIds, ...(p.receipts ? ['receipt'] : [])],
    backupStations: [],
  };
}
