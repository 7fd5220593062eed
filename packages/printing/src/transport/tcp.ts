import { Socket } from 'node:net';
import { z } from 'zod';
import type { PrinterStatus } from './status';
import { DEFAULT_TIMEOUTS, PrinterTransportError, streamSession, type PrinterSession, type TcpTimeouts } from './session';

export { DEFAULT_TIMEOUTS, PrinterTransportError, streamSession };
export type { PrinterSession, TcpTimeouts, TransportPhase } from './session';

/** Where a network printer listens (raw TCP, usually port 9100). */
export const TcpEndpointSchema = z.object({
  host: z.string().min(1, 'printer host is required'),
  port: z.number().int().min(1).max(65535).default(9100),
});
export type TcpEndpoint = z.input<typeof TcpEndpointSchema>;

/** A printer address: TCP host and port, or a serial device when `serialPath` is set; `id` for remote transports. */
export type PrinterEndpoint = TcpEndpoint & { id?: string; serialPath?: string | null; baudRate?: number };

/** Something that can open a session with a printer (see `printerTransport`). */
export interface PrinterTransport {
  open(endpoint: PrinterEndpoint): Promise<PrinterSession>;
}

/** Opens a raw TCP session (port 9100) with a printer. Throws `PrinterTransportError` ('connect'). */
export async function openTcpSession(
  endpoint: TcpEndpoint,
  timeouts: TcpTimeouts = DEFAULT_TIMEOUTS,
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
  return streamSession(socket, `${host}:${port}`, timeouts);
}

/** The TCP transport as an injectable object. */
export function tcpTransport(timeouts: TcpTimeouts = DEFAULT_TIMEOUTS): PrinterTransport {
  return { open: (endpoint) => openTcpSession(endpoint, timeouts) };
}

/** Connects, asks for the status, disconnects. Throws `PrinterTransportError` on timeout or refusal. */
export async function queryPrinterStatus(
  endpoint: TcpEndpoint,
  timeouts: TcpTimeouts = DEFAULT_TIMEOUTS,
): Promise<PrinterStatus> {
  const session = await openTcpSession(endpoint, timeouts);
  try {
    return await session.status();
  } finally {
    session.close();
  }
}

/**
 * One-shot send for a host process: connect, write, then ask the status on the same connection
 * (its answer proves every byte arrived) and return it. Throws `PrinterTransportError` with
 * `bytesWritten` (0 when nothing left), as `HostPrinterApi.send` requires.
 */
export async function sendConfirmed(
  endpoint: PrinterEndpoint,
  bytes: Uint8Array,
  timeouts: TcpTimeouts = DEFAULT_TIMEOUTS,
  transport: PrinterTransport = tcpTransport(timeouts),
): Promise<PrinterStatus> {
  const session = await transport.open(endpoint);
  try {
    await session.write(bytes);
    return await session.status();
  } finally {
    session.close();
  }
}
