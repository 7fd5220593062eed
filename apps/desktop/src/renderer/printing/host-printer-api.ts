import { RemotePrinterError, testPageBytes, type HostPrinterApi, type PrinterDefinition } from '@comanda/printing/queue';
import { statusProblem, type PrinterStatus } from '@comanda/printing/transport';
import type { HostApi } from '../../host/contract.js';

/** Where a printer the device has not saved (a branch printer) listens. */
export type EndpointOf = (printerId: string) => { host: string; port: number } | undefined;

/** Bytes as base64, the way `printers.submit` carries them (chunked: spreading a large array overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Errors after which the host certainly sent nothing (it never reached the printer). */
const NOTHING_SENT = new Set(['HOST_UNREACHABLE', 'PRINTER_NOT_FOUND', 'BAD_INPUT', 'FORBIDDEN', 'UNAUTHORIZED']);

/**
 * The host contract seen as `@comanda/printing`'s {@link HostPrinterApi}, for `remoteTransport`:
 * `send` is one `printers.submit` (the host's whole attempt: status, write, the printer's proof),
 * with the worker's job id; failures keep the host's `bytesWritten`, `phase` and not-ready
 * status so the worker can tell "retry" from "may have printed".
 */
export function hostPrinterApi(host: Pick<HostApi, 'printers.submit' | 'printers.status'>, endpointOf: EndpointOf): HostPrinterApi {
  return {
    async status(printerId): Promise<PrinterStatus> {
      const s = await host['printers.status']({ printerId, endpoint: endpointOf(printerId) });
      if (!s.reachable) throw new RemotePrinterError(s.error ?? `printer ${printerId} is unreachable`, 0, 'connect');
      return { online: s.online, coverOpen: s.coverOpen, paperEnd: s.paperOut, paperNearEnd: s.paperNearEnd, error: s.error !== null, drawerOpen: false };
    },
    async send(printerId, bytes, job) {
      try {
        const result = await host['printers.submit']({
          printerId,
          endpoint: endpointOf(printerId),
          jobId: job.jobId,
          statusQueries: job.statusQueries,
          bytesBase64: toBase64(bytes),
        });
        return result.completion;
      } catch (error) {
        const e = error as { code?: unknown; bytesWritten?: unknown; phase?: unknown; status?: unknown; message?: unknown };
        const nothing = typeof e.code === 'string' && NOTHING_SENT.has(e.code);
        const known = typeof e.bytesWritten === 'number' ? e.bytesWritten : nothing ? 0 : null;
        const phase = typeof e.phase === 'string' ? e.phase : nothing ? 'connect' : null;
        throw new RemotePrinterError(String(e.message ?? error), known, phase, (e.status as PrinterStatus | undefined) ?? null);
      }
    },
  };
}

/**
 * Prints a printer's test page now (not queued: a test page that cannot print says so at once),
 * encoded as its jobs are. The till's one way to print a test page.
 * @throws {Error} with a message for the person at the till when it did not print
 */
export async function sendTestPage(api: HostPrinterApi, printer: PrinterDefinition, at: Date): Promise<void> {
  const completion = await api.send(printer.id, testPageBytes(printer, at), { jobId: `test:${printer.id}:${at.getTime()}`, statusQueries: printer.statusQueries });
  if (completion.kind === 'problem') throw new Error(`${printer.name} reports ${statusProblem(completion.status) ?? 'a problem'}: the test page may not have printed`);
  if (completion.kind === 'unconfirmed') throw new Error(`${printer.name} did not confirm the test page: ${completion.detail}`);
}
