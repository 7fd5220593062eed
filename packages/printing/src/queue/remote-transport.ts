import type { PrinterEndpoint, PrinterSession, PrinterTransport } from '../transport/tcp';
import { PrinterStatusSchema, type PrinterStatus } from '../transport/status';

/**
 * What the host process offers the renderer for printing (over IPC or the Node host's HTTP):
 * a status query and a one-shot send per printer id (`sendConfirmed` in the transport module
 * implements it). `send` must
 * - resolve only after the printer answered a status request sent on the same connection after
 *   the bytes (that answer proves every byte arrived), with that status;
 * - reject with an error carrying `bytesWritten` (content bytes handed over before the failure)
 *   whenever it knows it, e.g. 0 when it could not connect. Without it the worker assumes the
 *   job may have printed.
 */
export interface HostPrinterApi {
  status(printerId: string): Promise<PrinterStatus>;
  send(printerId: string, bytes: Uint8Array): Promise<PrinterStatus>;
}

/** A failure reported by the host, as the worker needs it. */
export class RemotePrinterError extends Error {
  constructor(
    message: string,
    readonly bytesWritten: number | null,
  ) {
    super(message);
    this.name = 'RemotePrinterError';
  }
}

function bytesWrittenOf(e: unknown): number | null {
  const n = (e as { bytesWritten?: unknown } | null)?.bytesWritten;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Lets the {@link PrintWorker} run in the renderer next to its RxDB job store while the bytes
 * go out through the host. Each job is one `send`; status answers are validated with zod since
 * they cross a process boundary.
 */
export function remoteTransport(api: HostPrinterApi): PrinterTransport {
  return {
    open(endpoint: PrinterEndpoint): Promise<PrinterSession> {
      const id = endpoint.id;
      if (!id) return Promise.reject(new RemotePrinterError('remote printing needs the printer id', 0));
      let written = 0;
      let confirmed: PrinterStatus | null = null;
      return Promise.resolve({
        get bytesWritten() {
          return written;
        },
        async status() {
          // After a send, the confirmation the host got on that connection is the answer.
          const status = confirmed ?? (await api.status(id));
          confirmed = null;
          return PrinterStatusSchema.parse(status);
        },
        async write(bytes) {
          try {
            confirmed = await api.send(id, bytes);
            written += bytes.length;
          } catch (e) {
            // Unknown progress counts as everything: never resend what may have printed.
            written += bytesWrittenOf(e) ?? bytes.length;
            throw e instanceof Error ? e : new RemotePrinterError(String(e), null);
          }
        },
        close() {},
      });
    },
  };
}
