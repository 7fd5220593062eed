import { RemotePrinterError, type HostPrinterApi } from '@comanda/printing/queue';
import type { PrinterStatus } from '@comanda/printing/transport';
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
 * `send` is the host's confirmed send (`printers.submit` answers with the status read on the same
 * connection after the bytes); failures keep the host's `bytesWritten` so the worker can tell
 * "retry" from "may have printed".
 */
export function hostPrinterApi(host: Pick<HostApi, 'printers.submit' | 'printers.status'>, endpointOf: EndpointOf): HostPrinterApi {
  let sent = 0;
  return {
    async status(printerId): Promise<PrinterStatus> {
      const s = await host['printers.status']({ printerId, endpoint: endpointOf(printerId) });
      if (!s.reachable) throw new RemotePrinterError(s.error ?? `printer ${printerId} is unreachable`, 0);
      return { online: s.online, coverOpen: s.coverOpen, paperEnd: s.paperOut, paperNearEnd: s.paperNearEnd, error: false, drawerOpen: false };
    },
    async send(printerId, bytes): Promise<PrinterStatus> {
      let result;
      try {
        result = await host['printers.submit']({ printerId, endpoint: endpointOf(printerId), jobId: `worker:${++sent}`, bytesBase64: toBase64(bytes) });
      } catch (error) {
        const e = error as { code?: unknown; bytesWritten?: unknown; message?: unknown };
        const known = typeof e.bytesWritten === 'number' ? e.bytesWritten : typeof e.code === 'string' && NOTHING_SENT.has(e.code) ? 0 : null;
        throw new RemotePrinterError(String(e.message ?? error), known);
      }
      // A host that could not confirm: all bytes went out, nobody knows if they printed.
      if (!result.confirmedStatus) throw new RemotePrinterError('the host sent the job without a confirmation', bytes.length);
      return result.confirmedStatus;
    },
  };
}
