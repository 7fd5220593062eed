import type { PrintCompletion, PrinterEndpoint, PrinterTransport } from '../transport/tcp';
import { PrintCompletionSchema, PrinterStatusSchema, type PrinterStatus } from '../transport/status';

/**
 * What the host process offers the renderer for printing (over IPC or the Node host's HTTP):
 * a status query and one call per job attempt (`printerTransport().send` on the host implements
 * it: status, write, the printer's proof, on one connection). `send` must
 * - resolve with the {@link PrintCompletion} once the printer proved the job printed, reported a
 *   problem, or could not confirm;
 * - reject with an error carrying `bytesWritten` (content bytes handed over before the failure)
 *   and `phase` whenever it knows them, e.g. 0 and 'connect' when it could not connect, and the
 *   printer's `status` when it refused the job as not ready. Without `bytesWritten` the worker
 *   assumes the job may have printed.
 */
export interface HostPrinterApi {
  status(printerId: string): Promise<PrinterStatus>;
  send(printerId: string, bytes: Uint8Array, job: { jobId: string; statusQueries: boolean }): Promise<PrintCompletion>;
}

/** A failure reported by the host, as the worker needs it. */
export class RemotePrinterError extends Error {
  constructor(
    message: string,
    readonly bytesWritten: number | null,
    readonly phase: string | null = null,
    readonly status: PrinterStatus | null = null,
  ) {
    super(message);
    this.name = 'RemotePrinterError';
  }
}

function remoteError(e: unknown): RemotePrinterError {
  if (e instanceof RemotePrinterError) return e;
  const f = (e ?? {}) as { message?: unknown; bytesWritten?: unknown; phase?: unknown; status?: unknown };
  const n = f.bytesWritten;
  const status = PrinterStatusSchema.safeParse(f.status);
  return new RemotePrinterError(
    String(f.message ?? e),
    typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null,
    typeof f.phase === 'string' ? f.phase : null,
    status.success ? status.data : null,
  );
}

/**
 * Lets the {@link PrintWorker} run in the renderer next to its RxDB job store while the bytes
 * go out through the host: one host call per attempt (the job is marked `sending` before it, so
 * a crash meanwhile leaves it "may have printed"). Answers are validated since they cross a
 * process boundary.
 */
export function remoteTransport(api: HostPrinterApi): PrinterTransport {
  const idOf = (endpoint: PrinterEndpoint): string => {
    if (!endpoint.id) throw new RemotePrinterError('remote printing needs the printer id', 0, 'connect');
    return endpoint.id;
  };
  return {
    async status(endpoint) {
      return PrinterStatusSchema.parse(await api.status(idOf(endpoint)));
    },
    async send(endpoint, bytes, options) {
      const id = idOf(endpoint);
      await options.beforeWrite?.();
      let completion: unknown;
      try {
        completion = await api.send(id, bytes, { jobId: options.jobId ?? '', statusQueries: options.statusQueries });
      } catch (e) {
        throw remoteError(e);
      }
      const parsed = PrintCompletionSchema.safeParse(completion);
      // An answer we cannot read: all bytes may have gone out, nobody knows if they printed.
      if (!parsed.success) throw new RemotePrinterError('the host answered the job with something unreadable', bytes.length, 'confirm');
      return parsed.data;
    },
  };
}
