import type { MessageKey } from '@comanda/ui';
import { printerConfigSchema } from '../../../host/contract';
import type { PrinterSetting } from '../../till-ports';

/** The printer form as typed (strings where people type); `id` is empty for a new printer. */
export interface PrinterDraft {
  id: string;
  name: string;
  transport: 'tcp' | 'serial';
  host: string;
  port: string;
  serialPath: string;
  baudRate: string;
  columns: '32' | '42' | '48';
  codepage: string;
  stations: string[];
  backupStations: string[];
}

export type PrinterField =
  'name' | 'host' | 'port' | 'serialPath' | 'baudRate' | 'columns' | 'codepage' | 'stations';

/** Per field, what the person should do (an i18n key), plus the schema's own words for the log. */
export type FieldErrors = Partial<Record<PrinterField, { key: MessageKey; detail: string }>>;

export const EMPTY_DRAFT: PrinterDraft = {
  id: '',
  name: '',
  transport: 'tcp',
  host: '',
  port: '9100',
  serialPath: '',
  baudRate: '9600',
  columns: '48',
  codepage: 'auto',
  stations: [],
  backupStations: [],
};

export function draftOf(p: PrinterSetting): PrinterDraft {
  return {
    ...p,
    port: String(p.port),
    baudRate: String(p.baudRate),
    columns: String(p.columns) as PrinterDraft['columns'],
    stations: [...p.stations],
    backupStations: [...p.backupStations],
  };
}

/** A printer id from its name: "Cuisine chaude" → `cuisine-chaude`, unique among `taken`. */
export function printerIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'printer';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const FIELD_KEYS: Record<PrinterField | 'id', PrinterField> = {
  id: 'name',
  name: 'name',
  host: 'host',
  port: 'port',
  serialPath: 'serialPath',
  baudRate: 'baudRate',
  columns: 'columns',
  codepage: 'codepage',
  stations: 'stations',
};

/**
 * Validates a draft with the host contract's `printerConfigSchema` (the same check the host
 * makes when it saves), so the form and the host can never disagree on what is valid.
 */
export function validateDraft(
  draft: PrinterDraft,
  otherIds: ReadonlySet<string>,
  otherNames: ReadonlySet<string>,
): { ok: true; printer: PrinterSetting } | { ok: false; errors: FieldErrors } {
  const id = draft.id || printerIdFor(draft.name, otherIds);
  const port = draft.port.trim() === '' ? Number.NaN : Number(draft.port);
  const serial = draft.transport === 'serial';
  const candidate = {
    id,
    name: draft.name,
    transport: draft.transport,
    host: serial ? '' : draft.host,
    port: serial ? 9100 : port,
    ...(serial ? { serialPath: draft.serialPath, baudRate: Number(draft.baudRate) } : {}),
    stations: draft.stations,
    columns: Number(draft.columns),
    codepage: draft.codepage,
    backupStations: draft.backupStations,
  };
  const parsed = printerConfigSchema.safeParse(candidate);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_KEYS[String(issue.path[0]) as PrinterField] ?? 'stations';
      errors[field] ??= { key: `printers.invalid.${field}`, detail: issue.message };
    }
  }
  if (!errors.name && otherNames.has(draft.name.trim().toLowerCase()))
    errors.name = { key: 'printers.invalid.id', detail: 'Another printer has this name' };
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  const p = parsed.data;
  return {
    ok: true,
    printer: {
      id: p.id,
      name: p.name,
      transport: p.transport ?? 'tcp',
      host: p.host,
      port: p.port,
      serialPath: p.serialPath ?? '',
      baudRate: p.baudRate ?? 9600,
      columns: p.columns ?? 48,
      codepage: p.codepage ?? 'auto',
      stations: p.stations,
      backupStations: (p.backupStations ?? []).filter((s) => !p.stations.includes(s)),
    },
  };
}
