import type { Duplex } from 'node:stream';
import { parsePrinterStatus, statusProblem, STATUS_REQUESTS, type Confirmation, type PrintCompletion, type PrinterStatus } from './status';

export type { Confirmation, PrintCompletion };

export interface TcpTimeouts {
  /** Establishing the connection (TCP) or opening the device (serial). */
  connectMs: number;
  /** Handing all bytes to the OS once written (drain). A printer out of buffer space stalls here. */
  writeMs: number;
  /** Waiting for the answers to a status request. */
  statusMs: number;
  /** Waiting for the printer to report a job processed (`GS ( H`); default 30 s. */
  printMs?: number;
  /** How often the status is asked while waiting for that report; default 300 ms. */
  pollMs?: number;
}

export const DEFAULT_TIMEOUTS: TcpTimeouts = { connectMs: 3000, writeMs: 10_000, statusMs: 2000, printMs: 30_000, pollMs: 300 };

/** Which step failed; the queue decides from this whether the job may have printed. */
export type TransportPhase = 'connect' | 'status' | 'write' | 'confirm';

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
  /**
   * Writes a job and waits until the printer proves it processed it, as far as the printer can
   * (see {@link Confirmation}; `process-id` polls the status meanwhile, so a fault mid-job shows
   * at once). Whether a printer answers `GS ( H` is probed once, before its first job's bytes,
   * and remembered by the transport. `statusQueries: false` means `none`.
   * @throws {PrinterTransportError} when the connection fails (`bytesWritten` says how far it got)
   */
  print(bytes: Uint8Array, options: { statusQueries: boolean }): Promise<PrintCompletion>;
  /** Content bytes passed to `write` so far (status requests not counted). */
  readonly bytesWritten: number;
  close(): void;
}

/** `GS ( H` fn 48 with a 4-digit id: "tell me when you have processed everything before this". */
export function processIdRequest(id: number): Uint8Array {
  const digits = [...String(id % 10_000).padStart(4, '0')].map((c) => c.charCodeAt(0));
  return Uint8Array.of(0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30, ...digits);
}

const PROCESS_ID_HEADER = 0x37;
const PROCESS_ID_LENGTH = 7; // 37 22 d1 d2 d3 d4 00

// All three requests in one packet: one round trip for the whole status.
const STATUS_REQUEST_BYTES = Uint8Array.from(STATUS_REQUESTS.flatMap((r) => [...r]));

/**
 * A printer session over an already open byte stream (a connected TCP socket, or a serial
 * device wrapped in a socket). `name` appears in error messages ("192.168.1.50:9100").
 */
/** What a transport has learnt about its printers' confirmations, by printer name. */
export type ConfirmationMemory = Map<string, Confirmation>;

export function streamSession(socket: Duplex, name: string, timeouts: TcpTimeouts, memory: ConfirmationMemory = new Map()): PrinterSession {
  let failure: PrinterTransportError | null = null;
  let statusBytes: number[] = [];
  let incoming: number[] = [];
  const processIds = new Set<string>();
  let wake: (() => void) | null = null;
  let written = 0;
  let nextId = Math.floor(Math.random() * 10_000);
  const fail = (phase: TransportPhase, message: string, code?: string): PrinterTransportError => {
    failure ??= new PrinterTransportError(phase, message, written, code);
    socket.destroy();
    wake?.();
    return failure;
  };

  // Answers arrive interleaved: status bytes (bit 0 clear) and process-ID responses (start 0x37).
  socket.on('data', (chunk: Buffer) => {
    incoming.push(...chunk);
    while (incoming.length > 0) {
      if (incoming[0] !== PROCESS_ID_HEADER) {
        statusBytes.push(incoming.shift()!);
        continue;
      }
      if (incoming.length < PROCESS_ID_LENGTH) break;
      processIds.add(String.fromCharCode(...incoming.slice(2, 6)));
      incoming = incoming.slice(PROCESS_ID_LENGTH);
    }
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

  /** Resolves on the next answer (or failure); several waiters share one wake-up. */
  const answered = (): Promise<void> =>
    new Promise<void>((r) => {
      const previous = wake;
      wake = () => {
        wake = null;
        previous?.();
        r();
      };
    });

  const readStatusBytes = async (count: number): Promise<number[]> => {
    while (statusBytes.length < count) {
      if (failure) throw failure;
      await answered();
    }
    return statusBytes.splice(0, count);
  };

  // A function, so the check reads the current value after an await.
  const throwIfFailed = (): void => {
    if (failure) throw failure;
  };

  const rawWrite = (bytes: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => {
      socket.write(bytes, (err) => (err ? reject(fail('write', err.message)) : resolve()));
    });

  /** Sends `GS ( H` and resolves true when its answer came, false after `ms` (not fatal). */
  const processedWithin = async (ms: number): Promise<boolean> => {
    if (failure) throw failure;
    const id = String(++nextId % 10_000).padStart(4, '0');
    await rawWrite(processIdRequest(Number(id)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      wake?.();
    }, ms);
    try {
      while (!processIds.delete(id)) {
        throwIfFailed();
        if (timedOut) return false;
        await answered();
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  };

  const session: PrinterSession = {
    get bytesWritten() {
      return written;
    },
    status() {
      return withTimeout('status', timeouts.statusMs, `status of ${name}`, async () => {
        statusBytes = [];
        await rawWrite(STATUS_REQUEST_BYTES);
        const [a, b, c] = await readStatusBytes(3);
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
    async print(bytes, { statusQueries }) {
      let confirmation: Confirmation = statusQueries ? (memory.get(name) ?? 'process-id') : 'none';
      if (statusQueries && !memory.has(name)) {
        // Probed with an empty buffer, so a printer that supports it answers at once. A printer
        // that does not is taken at its word until the host restarts.
        confirmation = (await processedWithin(timeouts.statusMs)) ? 'process-id' : 'status';
        memory.set(name, confirmation);
      }
      await session.write(bytes);
      if (confirmation === 'none') return { kind: 'printed', confirmation, status: null };
      if (confirmation === 'status') {
        // Today's weaker proof: the answer shows every byte arrived, not that it printed.
        const status = await session.status();
        return statusProblem(status) ? { kind: 'problem', confirmation, status } : { kind: 'printed', confirmation, status };
      }
      const printMs = timeouts.printMs ?? DEFAULT_TIMEOUTS.printMs!;
      const pollMs = timeouts.pollMs ?? DEFAULT_TIMEOUTS.pollMs!;
      const done = processedWithin(printMs);
      let settled: boolean | null = null;
      void done.then((v) => (settled = v), () => (settled = false));
      let status: PrinterStatus | null = null;
      for (;;) {
        const tick = new Promise<void>((r) => setTimeout(r, pollMs));
        await Promise.race([done.catch(() => undefined), tick]);
        if (settled === true) return { kind: 'printed', confirmation, status };
        if (settled === false) {
          await done; // rethrows a connection failure
          return { kind: 'unconfirmed', confirmation, detail: `${name} did not report the job printed within ${printMs} ms` };
        }
        // Still printing: a fault now (paper out, cover open) means it will never complete.
        status = await session.status();
        if (statusProblem(status)) return { kind: 'problem', confirmation, status };
      }
    },
    close() {
      socket.removeAllListeners('close');
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
  return session;
}
