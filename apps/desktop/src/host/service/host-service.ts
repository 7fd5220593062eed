import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  defaultDeviceSettings,
  deviceSettingsSchema,
  HostOperationError,
  printerConfigSchema,
  type HostService,
  type PrinterConfig,
  type StoredLogEntry,
} from '../contract.js';
import { createHostLog, type HostLog } from '../log/host-log.js';
import { JsonFile } from './json-file.js';
import { hostPrinters } from './printer-io.js';

export interface HostServiceOptions {
  /** Directory for device.json, printers.json and the log file (the user's data dir). */
  dataDir: string;
  host: 'electron' | 'node';
  version: string;
  now?: () => number;
  /** Called after settings change (Electron toggles kiosk mode). */
  onSettingsChanged?: (settings: z.output<typeof deviceSettingsSchema>) => void;
  /** How printers are reached (tests pass one with short timeouts); default TCP or serial per printer. */
  printers?: ReturnType<typeof hostPrinters>;
}

const LOG_RING = 500;

/**
 * The Node-side implementation of the host contract, shared by the Electron main process and the
 * Node host so both behave identically; only the transport in front of it differs.
 */
export function createHostService(options: HostServiceOptions): HostService {
  const now = options.now ?? Date.now;
  const printers = options.printers ?? hostPrinters();
  const settingsFile = new JsonFile(
    join(options.dataDir, 'device.json'),
    deviceSettingsSchema,
    defaultDeviceSettings,
  );
  const printersFile = new JsonFile(
    join(options.dataDir, 'printers.json'),
    z.array(printerConfigSchema),
    [],
  );
  // Read once, then kept in step by printers.save (the only writer): a print job does not read
  // the disk to find its printer.
  let printersCache: Promise<PrinterConfig[]> | null = null;
  const savedPrinters = (): Promise<PrinterConfig[]> =>
    (printersCache ??= printersFile.read().catch((e: unknown) => {
      printersCache = null;
      throw e;
    }));
  let hostLog: Promise<HostLog> | undefined;
  const ring: StoredLogEntry[] = [];
  const launchId = randomUUID();
  const startedAt = now();
  // Writes to one file are serialized so concurrent updates never interleave read-modify-write.
  let settingsChain: Promise<unknown> = Promise.resolve();

  async function log(entry: StoredLogEntry): Promise<void> {
    ring.push(entry);
    if (ring.length > LOG_RING) ring.splice(0, ring.length - LOG_RING);
    hostLog ??= createHostLog({ dir: join(options.dataDir, 'logs') });
    (await hostLog).write(entry);
  }

  async function findPrinter(
    printerId: string,
    endpoint?: { host: string; port: number },
  ): Promise<PrinterConfig> {
    const printer = (await savedPrinters()).find((p) => p.id === printerId);
    // A branch printer the device has not saved: the renderer passes its address.
    if (!printer && endpoint)
      return printerConfigSchema.parse({ id: printerId, name: printerId, ...endpoint });
    if (!printer)
      throw new HostOperationError(
        `No printer with id "${printerId}" is configured`,
        'PRINTER_NOT_FOUND',
      );
    return printer;
  }

  return {
    'app.info': () =>
      Promise.resolve({
        name: 'Comanda' as const,
        version: options.version,
        host: options.host,
        platform: process.platform,
        launchId,
        startedAt,
      }),
    'settings.get': () => settingsFile.read(),
    'settings.update': (patch) => {
      const next = settingsChain.then(async () => {
        const merged = deviceSettingsSchema.parse({ ...(await settingsFile.read()), ...patch });
        await settingsFile.write(merged);
        options.onSettingsChanged?.(merged);
        return merged;
      });
      settingsChain = next.catch(() => undefined);
      return next;
    },
    'printers.list': () => savedPrinters(),
    'printers.save': async ({ printers }) => {
      const ids = new Set(printers.map((p) => p.id));
      if (ids.size !== printers.length)
        throw new HostOperationError('Two printers share the same id', 'IO_ERROR');
      await printersFile.write(printers);
      printersCache = Promise.resolve(printers);
      return printers;
    },
    'printers.submit': async ({ printerId, endpoint, jobId, statusQueries, bytesBase64 }) => {
      const printer = await findPrinter(printerId, endpoint);
      const bytes = Buffer.from(bytesBase64, 'base64');
      let completion;
      try {
        completion = await printers.send(printer, bytes, { jobId, statusQueries });
      } catch (error) {
        const details = error instanceof HostOperationError ? error.details : undefined;
        await log({
          level: 'warn',
          message: 'print job failed',
          context: {
            jobId,
            printerId,
            bytesWritten: details?.bytesWritten ?? null,
            phase: details?.phase ?? null,
          },
          at: now(),
          source: 'host',
        });
        throw error;
      }
      // Not awaited: the job's outcome is known, and the till should not wait for the disk to hear it.
      void log({
        level: 'info',
        message: `print job ${completion.kind}`,
        context: {
          jobId,
          printerId,
          bytesSent: bytes.byteLength,
          confirmation: completion.confirmation,
        },
        at: now(),
        source: 'host',
      }).catch(() => undefined);
      return { jobId, printerId, bytesSent: bytes.byteLength, completedAt: now(), completion };
    },
    'printers.status': async ({ printerId, endpoint }) =>
      printers.status(await findPrinter(printerId, endpoint), now()),
    'logs.write': async (entry) => {
      await log({ ...entry, at: now(), source: 'renderer' });
      return { ok: true as const };
    },
    'logs.tail': ({ limit }) => Promise.resolve(ring.slice(-limit)),
  };
}
