import { Socket } from 'node:net';
import { z } from 'zod';
import { statusProblem, type PrinterStatus } from './status';
import {
  DEFAULT_TIMEOUTS,
  PrinterTransportError,
  streamSession,
  type ConfirmationMemory,
  type PrintCompletion,
  type PrinterSession,
  type TcpTimeouts,
} from './session';

export { DEFAULT_TIMEOUTS, PrinterTransportError, streamSession };
export type { Confirmation, ConfirmationMemory, PrintCompletion, PrinterSession, TcpTimeouts, TransportPhase } from './session';

/** Where a network printer listens (raw TCP, usually port 9100). */
export const TcpEndpointSchema = z.object({
  host: z.string().min(1, 'printer host is required'),
  port: z.number().int().min(1).max(65535).default(9100),
});
export type TcpEndpoint = z.input<typeof TcpEndpointSchema>;

/** A printer address: TCP host and port, or a serial device when `serialPath` is set; `id` for remote transports. */
export type PrinterEndpoint = TcpEndpoint & { id?: string; serialPath?: string | null; baudRate?: number };

/** How one job is sent (see {@link sendConfirmed}). */
export interface SendOptions {
  /** False for a printer that answers no status at all (`PrinterDefinition.statusQueries`). */
  statusQueries: boolean;
  /** The print job's id, for logs on the way. */
  jobId?: string;
  /** Durably records the job as being sent; awaited right before the first content byte. */
  beforeWrite?: () => Promise<void>;
}

/** Opens a session with one printer (TCP, serial…). */
export type OpenSession = (endpoint: PrinterEndpoint) => Promise<PrinterSession>;

/** What the print worker needs from the printers: a status check, and one call per job. */
export interface PrinterTransport {
  /** Connects, asks the status, disconnects. */
  status(endpoint: PrinterEndpoint): Promise<PrinterStatus>;
  /**
   * One attempt to print a job, as docs/printing.md describes.
   * @throws {PrinterTransportError} (or an error with `bytesWritten`) when it failed
   */
  send(endpoint: PrinterEndpoint, bytes: Uint8Array, options: SendOptions): Promise<PrintCompletion>;
}

/** A transport over sessions opened by `open` (jobs go through {@link sendConfirmed}). */
export function sessionTransport(open: OpenSession): PrinterTransport {
  return {
    async status(endpoint) {
      const session = await open(endpoint);
      try {
        return await session.status();
      } finally {
        session.close();
      }
    },
    send: (endpoint, bytes, options) => sendConfirmed(endpoint, bytes, open, options),
  };
}

/** Opens a raw TCP session (port 9100) with a printer. Throws `PrinterTransportError` ('connect'). */
export async function openTcpSession(
  endpoint: TcpEndpoint,
  timeouts: TcpTimeouts = DEFAULT_TIMEOUTS,
  memory?: ConfirmationMemory,
): Promise<PrinterSession> {
  const { host, port } = TcpEndpointSchema.parse(endpoint);
  const socket = new Socket();
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    const fail = (message: string, code?: string): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(new PrinterTransportError('connect', message, 0, code));
    };
    const timer = setTimeout(() => fail(`no connection to ${host}:${port} within ${timeouts.connectMs} ms`, 'ETIMEDOUT'), timeouts.connectMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => fail(`cannot connect to ${host}:${port}: ${err.message}`, err.code));
    socket.connect(port, host);
  });
  socket.removeAllListeners('error');
  return streamSession(socket, `${host}:${port}`, timeouts, memory);
}

/** The TCP transport as an injectable object. */
export function tcpTransport(timeouts: TcpTimeouts = DEFAULT_TIMEOUTS): PrinterTransport {
  const memory: ConfirmationMemory = new Map();
  return sessionTransport((endpoint) => openTcpSession(endpoint, timeouts, memory));
}

/** Connects, asks for the status, disconnects. Throws `PrinterTransportError` on timeout or refusal. */
export function queryPrinterStatus(endpoint: TcpEndpoint, timeouts: TcpTimeouts = DEFAULT_TIMEOUTS): Promise<PrinterStatus> {
  return sessionTransport((e) => openTcpSession(e, timeouts)).status(endpoint);
}

/**
 * One attempt to print a job on one connection, as docs/printing.md describes: connect, status
 * (when `statusQueries`), `beforeWrite` (nothing sent yet), write, then wait for the printer's
 * proof ({@link PrinterSession.print}). A printer that is not ready throws
 * {@link PrinterNotReadyError} before any byte; a problem after the write is a `problem` completion.
 * @throws {PrinterTransportError} with `bytesWritten` (0 when nothing left)
 */
export async function sendConfirmed(
  endpoint: PrinterEndpoint,
  bytes: Uint8Array,
  open: OpenSession = (e) => openTcpSession(e),
  options: SendOptions = { statusQueries: true },
): Promise<PrintCompletion> {
  const session = await open(endpoint);
  try {
    if (options.statusQueries) {
      const before = await session.status();
      const problem = statusProblem(before);
      if (problem) throw new PrinterNotReadyError(before, problem);
    }
    await options.beforeWrite?.();
    return await session.print(bytes, { statusQueries: options.statusQueries });
  } finally {
    session.close();
  }
}

/** The printer answered before the job, but is not ready (paper out, cover open…): nothing was sent. */
export class PrinterNotReadyError extends PrinterTransportError {
  constructor(
    readonly status: PrinterStatus,
    readonly problem: NonNullable<ReturnType<typeof statusProblem>>,
  ) {
    super('status', `printer reports ${problem}`, 0, 'NOT_READY');
    this.name = 'PrinterNotReadyError';
  }
}
