import { Socket } from 'node:net';
import { z } from 'zod';
import { parsePrinterStatus, STATUS_REQUESTS, type PrinterStatus } from './status';

/** Where a network printer listens (raw TCP, usually port 9100). */
export const TcpEndpointSchema = z.object({
  host: z.string().min(1, 'printer host is required'),
  port: z.number().int().min(1).max(65535).default(9100),
});
export type TcpEndpoint = z.input<typeof TcpEndpointSchema>;

export interface TcpTimeouts {
  /** Establishing the connection. */
  connectMs: number;
  /** Handing all bytes to the OS once written (drain). A printer out of buffer space stalls here. */
  writeMs: number;
  /** Waiting for the answers to a status request. */
  statusMs: number;
}

export const DEFAULT_TIMEOUTS: TcpTimeouts = { connectMs: 3000, writeMs: 10_000, statusMs: 2000 };

/** Which step failed; the queue decides from this whether the job may have printed. */
export type TransportPhase = 'connect' | 'status' | 'write';

/** A transport failure, with how many bytes of content had been handed to the socket by then. */
export class PrinterTransportError extends Error {
  constructor(
    readonly phase: TransportPhase,
    message: string,
    readonly bytesWritten: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PrinterTransportError';
  }
}

/** An open connection to one printer: status queries and writes, each with a timeout. */
export interface PrinterSession {
  status(): Promise<PrinterStatus>;
  /** Resolves when every byte has been handed to the OS. */
  write(bytes: Uint8Array): Promise<void>;
  /** Content bytes passed to `write` so far (status requests not counted). */
  readonly bytesWritten: number;
  close(): void;
}

/** Something that can open a session with a printer: raw TCP here, serial later. */
export interface PrinterTransport {
  open(endpoint: TcpEndpoint): Promise<PrinterSession>;
}

// All three requests in one packet: one round trip for the whole status.
const STATUS_REQUEST_BYTES = Uint8Array.from(STATUS_REQUESTS.flatMap((r) => [...r]));

/** Opens a raw TCP session (port 9100) with a printer. Throws `PrinterTransportError` ('connect'). */
export async function openTcpSession(
  endpoint: TcpEndpoint,
  timeouts: TcpTimeouts = DEFAULT_TIMEOUTS,
): Promise<PrinterSession> {
  const { host, port } = TcpEndpointSchema.parse(endpoint);
  const socket = new Socket();
  socket.setNoDelay(true);
  let failure: PrinterTransportError | null = null;
  let received: number[] = [];
  let wake: (() => void) | null = null;
  let written = 0;
  const fail = (phase: TransportPhase, message: string, code?: string): PrinterTransportError => {
    failure ??= new PrinterTransportError(phase, message, written, code);
    socket.destroy();
    wake?.();
    return failure;
  };

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(fail('connect', `no connection to ${host}:${port} within ${timeouts.connectMs} ms`, 'ETIMEDOUT')),
      timeouts.connectMs,
    );
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(fail('connect', `cannot connect to ${host}:${port}: ${err.message}`, err.code));
    });
    socket.connect(port, host);
  });

  socket.on('data', (chunk: Buffer) => {
    received.push(...chunk);
    wake?.();
  });
  socket.on('error', (err: NodeJS.ErrnoException) => fail('write', `connection to ${host}:${port} failed: ${err.message}`, err.code));
  socket.on('close', () => fail('write', `printer ${host}:${port} closed the connection`, 'ECONNRESET'));

  const withTimeout = <T>(phase: TransportPhase, ms: number, what: string, run: () => Promise<T>): Promise<T> => {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(fail(phase, `${what}: no answer within ${ms} ms`, 'ETIMEDOUT')), ms);
      run().then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  };

  const readBytes = async (count: number): Promise<number[]> => {
    while (received.length < count) {
      if (failure) throw failure;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
    const out = received.slice(0, count);
    received = received.slice(count);
    return out;
  };

  const rawWrite = (bytes: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(fail('write', err.message)) : resolve()));
    });

  return {
    get bytesWritten() {
      return written;
    },
    status() {
      return withTimeout('status', timeouts.statusMs, `status of ${host}:${port}`, async () => {
        received = [];
        await rawWrite(STATUS_REQUEST_BYTES);
        const [a, b, c] = await readBytes(3);
        return parsePrinterStatus([a!, b!, c!]);
      });
    },
    write(bytes) {
      return withTimeout('write', timeouts.writeMs, `sending ${bytes.length} bytes to ${host}:${port}`, () => {
        // Counted before the call: once bytes reach the socket, the printer may print them.
        written += bytes.length;
        return rawWrite(bytes);
      });
    },
    close() {
      socket.removeAllListeners('close');
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
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
