import { PrintCompletionSchema, type PrinterStatus as PrinterStatusBits } from '@comanda/printing/status';
import { z } from 'zod';
import type { HOST_METHOD_NAMES } from './methods.js';

/**
 * The host contract: everything the renderer may ask of the process that hosts it (Electron main
 * or the Node host). One map of method → input/output schemas; both adapters validate every call
 * against it, so a bad payload is refused the same way whichever host runs the till.
 */

export const printerIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'Printer id: lowercase letters, digits and dashes, at most 48 characters');

/** Code pages a printer can be pinned to in its settings (all have an Epson `ESC t` number). */
export const PRINTER_CODEPAGES = ['cp437', 'cp850', 'cp858', 'cp852', 'cp857', 'cp737', 'cp866', 'windows1250', 'windows1252', 'iso8859-7'] as const;

/** Baud rates a serial printer can be set to (ESC/POS printers use 9600 to 115200). */
export const SERIAL_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

export const printerConfigSchema = z
  .object({
  id: printerIdSchema,
  name: z.string().trim().min(1, 'Printer name is required').max(80),
  /** How the till reaches the printer: raw TCP (`host`, `port`, the default) or a serial port (`serialPath`). */
  transport: z.enum(['tcp', 'serial'], 'Connection: network (TCP) or serial').optional(),
  /** Network printers; empty for a serial printer. */
  host: z
    .string()
    .trim()
    .max(253)
    .regex(/^[A-Za-z0-9.:-]*$/, 'Printer address: a host name or IP address')
    .default(''),
  port: z
    .number('Port: a number, usually 9100')
    .int('Port: a whole number, usually 9100')
    .min(1, 'Port: from 1 to 65535, usually 9100')
    .max(65535, 'Port: from 1 to 65535, usually 9100')
    .default(9100),
  /** Kitchen stations routed to this printer; `receipt` marks the receipt printer. */
  stations: z.array(z.string().min(1).max(40)).max(20).default([]),
  paperWidth: z.union([z.literal(58), z.literal(80)]).default(80),
  /** Characters per line; absent on older settings, where it follows `paperWidth` (58 mm → 32, else 48). */
  columns: z.union([z.literal(32), z.literal(42), z.literal(48)], 'Characters per line: 32 (58 mm paper), 42 or 48 (80 mm paper)').optional(),
  /** 'auto' (the default list of @comanda/printing) or the one code page this printer should use. */
  codepage: z.enum(['auto', ...PRINTER_CODEPAGES], 'Code page: choose Automatic or one from the list').optional(),
  /** Stations (and `receipt`) this printer takes over when their own printer keeps failing. */
  backupStations: z.array(z.string().min(1).max(40)).max(20).optional(),
  /** Serial printers: the device (`/dev/ttyUSB0`, `/dev/tty.usbserial-1420`). */
  serialPath: z
    .string()
    .trim()
    .max(200)
    .regex(/^\/dev\/[A-Za-z0-9._/-]+$/, 'Serial port: a device path such as /dev/ttyUSB0')
    .optional(),
  baudRate: z
    .union(SERIAL_BAUD_RATES.map((r) => z.literal(r)), `Baud rate: one of ${SERIAL_BAUD_RATES.join(', ')}`)
    .optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.transport ?? 'tcp') === 'tcp' && p.host === '') ctx.addIssue({ code: 'custom', path: ['host'], message: 'Printer address is required' });
    if (p.transport === 'serial' && !p.serialPath) {
      ctx.addIssue({ code: 'custom', path: ['serialPath'], message: 'Serial port is required, e.g. /dev/ttyUSB0' });
    }
  });
export type PrinterConfig = z.output<typeof printerConfigSchema>;

export const printerStatusSchema = z.object({
  printerId: printerIdSchema,
  reachable: z.boolean(),
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperOut: z.boolean(),
  paperNearEnd: z.boolean(),
  error: z.string().nullable(),
  checkedAt: z.number().int(),
});
export type PrinterStatus = z.output<typeof printerStatusSchema>;

const MAX_JOB_BYTES = 512 * 1024;

/**
 * Address of a printer the device has not saved (one from the branch document). The host uses it
 * only when no saved printer has the id; the renderer is the till's own, origin-checked page.
 */
export const printerEndpointSchema = z.object({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/, 'Printer address: a host name or IP address'),
  port: z.number().int().min(1).max(65535),
}).strict();

export const printJobSubmissionSchema = z.object({
  printerId: printerIdSchema,
  endpoint: printerEndpointSchema.optional(),
  /** The print job's own id (`${requestId}:${target}`, `test:…`), echoed in the host's log. */
  jobId: z.string().min(1).max(200),
  /** False for a printer that answers no status at all: printed once the bytes are accepted. */
  statusQueries: z.boolean().default(true),
  /** ESC/POS bytes, base64 so the payload is plain JSON on both transports. */
  bytesBase64: z
    .string()
    .min(1, 'A print job needs bytes')
    .max(Math.ceil((MAX_JOB_BYTES * 4) / 3) + 4, 'Print job larger than 512 KiB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'bytesBase64 is not valid base64'),
});

export const printJobResultSchema = z.object({
  jobId: z.string(),
  printerId: printerIdSchema,
  bytesSent: z.number().int().nonnegative(),
  completedAt: z.number().int(),
  /** What the printer proved after the bytes (docs/printing.md, "When a job is printed"). */
  completion: PrintCompletionSchema,
});

/** A branch hub's address on the shop's network (`http://192.168.1.20:4455`), no trailing slash. */
export const hubUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Hub URL must be an http(s) URL' })
  .max(2048, 'Hub URL longer than 2048 characters')
  .refine((url) => !url.endsWith('/'), 'Hub URL must not end with a slash');

const deviceSettingsFields = {
  /** Sync server base URL, e.g. `https://sync.example.com`; null while standalone. */
  serverUrl: z.url({ protocol: /^https?$/, error: 'Server URL must be an http(s) URL' }).nullable(),
  /** The branch hub on the shop's network (`comanda-server hub`), tried before `serverUrl`; null without one. */
  hubUrl: hubUrlSchema.nullable(),
  /** Device secret returned by pairing (exchanged for short-lived access tokens); null while standalone. */
  deviceSecret: z.string().min(1).max(4096).nullable(),
  deviceId: z.string().min(1).max(100).nullable(),
  orgId: z.string().min(1).max(100).nullable(),
  branchId: z.string().min(1).max(100).nullable(),
  /** The code the server gave this till at pairing ("A"): its ticket numbers read "A-12". Null while standalone. */
  tillCode: z.string().regex(/^[A-Z]{1,2}$/, 'A till code is one or two capital letters').nullable(),
  tillName: z.string().trim().min(1, 'Till name is required').max(60),
  kiosk: z.boolean(),
};

/** A till's device settings as stored; `hubUrl` and `tillCode` came later, so older files lack them. */
export const deviceSettingsSchema = z.object({
  ...deviceSettingsFields,
  hubUrl: deviceSettingsFields.hubUrl.default(null),
  tillCode: deviceSettingsFields.tillCode.default(null),
});
/**
 * A change to the settings: only the fields it names. No defaults here (a default would fill in
 * `hubUrl: null` on every patch that does not name it, so pairing wiped the hub URL).
 */
export const deviceSettingsPatchSchema = z.object(deviceSettingsFields).partial().strict();
export type DeviceSettings = z.output<typeof deviceSettingsSchema>;

export const defaultDeviceSettings: DeviceSettings = {
  serverUrl: null,
  hubUrl: null,
  deviceSecret: null,
  deviceId: null,
  orgId: null,
  branchId: null,
  tillCode: null,
  tillName: 'Till 1',
  kiosk: false,
};

export const appInfoSchema = z.object({
  name: z.literal('Comanda'),
  version: z.string(),
  host: z.enum(['electron', 'node']),
  platform: z.string(),
  /** Opaque id of this host launch; changes on every start (used to tell restarts apart). */
  launchId: z.string(),
  startedAt: z.number().int(),
});
export type AppInfo = z.output<typeof appInfoSchema>;

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export const logEntrySchema = z.object({
  level: logLevelSchema,
  message: z.string().min(1).max(2000),
  context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export const storedLogEntrySchema = logEntrySchema.extend({ at: z.number().int(), source: z.enum(['renderer', 'host']) });
export type StoredLogEntry = z.output<typeof storedLogEntrySchema>;

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const hostContract = {
  'app.info': { input: empty, output: appInfoSchema },
  'settings.get': { input: empty, output: deviceSettingsSchema },
  'settings.update': { input: deviceSettingsPatchSchema, output: deviceSettingsSchema },
  'printers.list': { input: empty, output: z.array(printerConfigSchema) },
  'printers.save': {
    input: z.object({ printers: z.array(printerConfigSchema).max(32) }).strict(),
    output: z.array(printerConfigSchema),
  },
  'printers.submit': { input: printJobSubmissionSchema.strict(), output: printJobResultSchema },
  'printers.status': { input: z.object({ printerId: printerIdSchema, endpoint: printerEndpointSchema.optional() }).strict(), output: printerStatusSchema },
  'logs.write': { input: logEntrySchema.strict(), output: ok },
  'logs.tail': {
    input: z.object({ limit: z.number().int().min(1).max(1000) }).strict(),
    output: z.array(storedLogEntrySchema),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type HostContract = typeof hostContract;
export type HostMethod = keyof HostContract;
export const hostMethods = Object.keys(hostContract) as HostMethod[];

export type HostInput<M extends HostMethod> = z.input<HostContract[M]['input']>;
export type HostOutput<M extends HostMethod> = z.output<HostContract[M]['output']>;
/** What a host implements: parsed input in, output out. */
export type HostService = { [M in HostMethod]: (input: z.output<HostContract[M]['input']>) => Promise<HostOutput<M>> };
/** What the renderer calls: the same methods, with pre-default input types. */
export type HostApi = { [M in HostMethod]: (input: HostInput<M>) => Promise<HostOutput<M>> };

export function isHostMethod(name: string): name is HostMethod {
  return Object.hasOwn(hostContract, name);
}

/** The caller sent something the contract refuses (unknown method or invalid payload). */
export class HostInputError extends Error {
  override readonly name = 'HostInputError';
  constructor(
    message: string,
    readonly method: string,
  ) {
    super(message);
  }
}

/** The host could not do what was asked (printer unreachable, disk error…); the payload was fine. */
export class HostOperationError extends Error {
  override readonly name = 'HostOperationError';
  constructor(
    message: string,
    readonly code: 'PRINTER_NOT_FOUND' | 'PRINTER_UNREACHABLE' | 'PRINTER_TIMEOUT' | 'IO_ERROR',
    /** For a failed print job: content bytes handed to the printer and the phase that failed. */
    readonly details?: PrintFailureDetails,
  ) {
    super(message);
  }
}

/** How far a failed print job got, so the renderer's print worker can tell "not sent" from "may have printed". */
export interface PrintFailureDetails {
  bytesWritten: number;
  phase: string;
  /** The printer's status when it refused the job as not ready (nothing was sent). */
  status?: PrinterStatusBits;
}

/** Formats a zod error as one sentence a person can act on. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Validates a raw call and runs it: the one place both adapters go through, so input and output
 * are checked identically. Throws HostInputError for bad calls; the service's own errors pass through.
 */
export async function dispatchHostCall(service: HostService, method: string, payload: unknown): Promise<unknown> {
  if (!isHostMethod(method)) throw new HostInputError(`Unknown host method "${method}"`, method);
  const spec = hostContract[method];
  const parsed = spec.input.safeParse(payload ?? {});
  if (!parsed.success) throw new HostInputError(`Invalid input for ${method}: ${describeZodError(parsed.error)}`, method);
  const run = service[method] as (input: unknown) => Promise<unknown>;
  const result = await run(parsed.data);
  // Output is validated too: a host bug must not hand the renderer a malformed document.
  return spec.output.parse(result);
}

// Compile-time check that the zod-free method list used by the preload matches the contract.
type MethodListMatches = [HostMethod] extends [(typeof HOST_METHOD_NAMES)[number]]
  ? [(typeof HOST_METHOD_NAMES)[number]] extends [HostMethod]
    ? true
    : never
  : never;
export const methodListMatches: MethodListMatches = true;
