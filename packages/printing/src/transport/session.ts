import type { Duplex } from 'node:stream';
import { parsePrinterStatus, STATUS_REQUESTS, type PrinterStatus } from './status';

export interface TcpTimeouts {
  /** Establishing the connection (TCP) or opening the device (serial). */
  connectMs: number;
  /** Handing all bytes to the OS once written (drain). A printer out of buffer space stalls here. */
  writeMs: number;
  /** Waiting for the answers to a status request. */
  statusMs: number;
}

export const DEFAULT_TIMEOUTS: TcpTimeouts = { connectMs: 3000, writeMs: 10_000, statusMs: 2000 };

/** Which step failed; the queue decides from this whether the job may have printed. */
export type TransportPhase = 'connect' | 'status' | 'write';

/** A transport failure, with how many bytes of content had been handed to the OS by then. */
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

// All three requests in one packet: one round trip for the whole status.
const STATUS_REQUEST_BYTES = Uint8Array.from(STATUS_REQUESTS.flatMap((r) => [...r]));

/**
 * A printer session over an already open byte stream (a connected TCP socket, or a serial
 * device wrapped in a socket). `name` appears in error messages ("192.168.1.50:9100").
 */
export function streamSession(socket: Duplex, name: string, timeouts: TcpTimeouts): PrinterSession {
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

  socket.on('data', (chunk: Buffer) => {
    received.push(...chunk);
    wake?.();
  });
  socket.on('error', (err: NodeJS.ErrnoException) => fail('write', `connection to ${name} failed: ${err.message}`, err.code));
  socket.on('close', () => fail('write', `printer ${name} closed the connection`, 'ECONNRESET'));

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
      return withTimeout('status', timeouts.statusMs, `status of ${name}`, async () => {
        received = [];
        await rawWrite(STATUS_REQUEST_BYTES);
        const [a, b, c] = await readBytes(3);
        return parsePrinterStatus([a!, b!, c!]);
      });
    },
    write(bytes) {
      return withTimeout('write', timeouts.writeMs, `sending ${bytes.length} bytes to ${name}`, () => {
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
