import { createServer, type Server, type Socket } from 'node:net';
import { EscPosDecoder } from './decoder';
import { statusByte, type PrinterCondition } from './status-bytes';

/** Faults a test (or a demo) can switch on at any time. */
export interface VirtualPrinterFaults extends PrinterCondition {
  /** Powered off / unplugged: connections are refused. */
  down: boolean;
  /** Delay before each received chunk is read; reading pauses meanwhile (TCP backpressure). */
  slowMs: number;
  /**
   * How fast buffered data is processed (printed), in bytes per second. Real-time status
   * requests (`DLE EOT`) are answered the moment they arrive, whatever is still buffered.
   */
  bytesPerSecond: number;
  /** Drop (destroy) each connection once it has processed this many bytes. */
  dropAfterBytes: number | null;
  /** Run out of paper once a connection has processed this many bytes. */
  paperOutAfterBytes: number | null;
  /** Open the cover once a connection has processed this many bytes. */
  coverOpenAfterBytes: number | null;
  /** Never answer `DLE EOT` (a printer without status support, or a hung one). */
  silent: boolean;
  /** Never answer `GS ( H` (a printer without process-ID support). */
  noProcessId: boolean;
}

/** Why a document did not come out whole. */
export type Interruption = 'paper-out' | 'cover-open' | 'offline' | 'error' | 'dropped' | 'no-cut';

/** One piece of paper (everything up to a cut), as decoded text. */
export interface PrintedDocument {
  connectionId: number;
  lines: string[];
  text: string;
  /** True when it ended with a cut and nothing of it was lost. */
  complete: boolean;
  interrupted: Interruption | null;
  /** `performance.now()` when its last byte was processed. */
  printedAt: number;
}

/** A running virtual printer. */
export interface VirtualPrinter {
  readonly host: string;
  readonly port: number;
  readonly documents: PrintedDocument[];
  readonly faults: Readonly<VirtualPrinterFaults>;
  /** Totals since start (or the last `clear`). */
  readonly stats: { connections: number; bytes: number; statusRequests: number; drawerKicks: number; processIds: number };
  setFault(faults: Partial<VirtualPrinterFaults>): Promise<void>;
  /** Resolves once at least `count` documents have been printed. */
  waitForDocuments(count: number, timeoutMs?: number): Promise<PrintedDocument[]>;
  /** Subscribes to documents as they come out; returns an unsubscribe function. */
  onDocument(listener: (doc: PrintedDocument) => void): () => void;
  clear(): void;
  close(): Promise<void>;
}

export interface VirtualPrinterOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  faults?: Partial<VirtualPrinterFaults>;
}

const NO_FAULTS: VirtualPrinterFaults = {
  offline: false,
  coverOpen: false,
  paperOut: false,
  paperNearEnd: false,
  error: false,
  drawerOpen: false,
  down: false,
  slowMs: 0,
  // ~1,000 lines of 48 characters a second: a 700-byte ticket takes ~4 ms to "print".
  bytesPerSecond: 200_000,
  dropAfterBytes: null,
  paperOutAfterBytes: null,
  coverOpenAfterBytes: null,
  silent: false,
  noProcessId: false,
};

function notReadyReason(f: VirtualPrinterFaults): Interruption | null {
  if (f.coverOpen) return 'cover-open';
  if (f.paperOut) return 'paper-out';
  if (f.error) return 'error';
  if (f.offline) return 'offline';
  return null;
}

/** Starts a virtual ESC/POS network printer: a real TCP server that decodes what it receives. */
export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  const faults: VirtualPrinterFaults = { ...NO_FAULTS, ...options.faults };
  const documents: PrintedDocument[] = [];
  const stats = { connections: 0, bytes: 0, statusRequests: 0, drawerKicks: 0, processIds: 0 };
  const sockets = new Set<Socket>();
  const listeners = new Set<(doc: PrintedDocument) => void>();
  let server: Server | null = null;
  let port = options.port ?? 0;
  // Bumped when the printer is switched off: what it had buffered is gone.
  let power = 0;

  const publish = (doc: PrintedDocument): void => {
    documents.push(doc);
    for (const l of listeners) l(doc);
  };

  const handle = (socket: Socket): void => {
    const connectionId = ++stats.connections;
    const powered = power;
    sockets.add(socket);
    // Real printers answer status at once; Nagle would hold the 2nd and 3rd answer for an ACK.
    socket.setNoDelay(true);
    let processed = 0;
    let interrupted: Interruption | null = null;
    // Something of this connection's data did not print: its process-ID request goes unanswered.
    let lost = false;
    let dropped = false;
    let closed = false;
    let finished = false;
    const buffer: Uint8Array[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let chain = Promise.resolve();
    let busy = 0;
    const answer = (bytes: Uint8Array): void => {
      if (!socket.destroyed) socket.write(bytes);
    };
    const finishDocument = (cut: boolean): void => {
      const lines = decoder.takeLines();
      const reason = interrupted ?? (cut ? null : dropped ? 'dropped' : 'no-cut');
      interrupted = null;
      // A connection that only asked for status, or the feed after a cut, is not a document.
      if (reason === 'no-cut' && lines.every((l) => l.trim() === '')) return;
      publish({
        connectionId,
        lines,
        text: lines.join('\n'),
        complete: reason === null,
        interrupted: reason,
        printedAt: performance.now(),
      });
    };
    // Real-time commands are parsed as bytes arrive, ahead of the buffered data (ESC/POS `DLE EOT`).
    const realtime = new EscPosDecoder((event) => {
      if (event.type !== 'status-request') return;
      stats.statusRequests++;
      if (!faults.silent) answer(Uint8Array.of(statusByte(event.n, faults)));
    });
    realtime.printing = false;
    // The print path: bytes in buffer order, at `bytesPerSecond`.
    const decoder = new EscPosDecoder((event) => {
      if (event.type === 'cut') finishDocument(true);
      else if (event.type === 'drawer') stats.drawerKicks++;
      else if (event.type === 'process-id') {
        // Answered only when everything before it came out: never after lost content.
        stats.processIds++;
        if (!faults.noProcessId && !lost && notReadyReason(faults) === null) answer(Uint8Array.of(0x37, 0x22, ...event.id, 0x00));
      }
    });
    decoder.onLost = () => {
      lost = true;
      interrupted ??= notReadyReason(faults) ?? 'offline';
    };
    const take = (max: number): Uint8Array => {
      const out: number[] = [];
      while (out.length < max && buffer.length > 0) {
        const head = buffer[0]!;
        const n = Math.min(max - out.length, head.length);
        out.push(...head.subarray(0, n));
        if (n === head.length) buffer.shift();
        else buffer[0] = head.subarray(n);
      }
      return Uint8Array.from(out);
    };
    const buffered = (): number => buffer.reduce((n, b) => n + b.length, 0);
    /** The next fault threshold this connection will cross, as a byte count from `processed`. */
    const untilFault = (): number => {
      const marks = [faults.dropAfterBytes, faults.paperOutAfterBytes, faults.coverOpenAfterBytes].filter((m): m is number => m !== null);
      return Math.min(Infinity, ...marks.map((m) => Math.max(0, m - processed)));
    };
    const applyFaults = (): void => {
      if (faults.paperOutAfterBytes !== null && processed >= faults.paperOutAfterBytes) {
        faults.paperOut = true;
        faults.paperOutAfterBytes = null;
      }
      if (faults.coverOpenAfterBytes !== null && processed >= faults.coverOpenAfterBytes) {
        faults.coverOpen = true;
        faults.coverOpenAfterBytes = null;
      }
      if (faults.dropAfterBytes !== null && processed >= faults.dropAfterBytes && !dropped) {
        dropped = true;
        buffer.length = 0;
        finishDocument(false);
        socket.destroy();
      }
    };
    const printNext = (): void => {
      timer = null;
      applyFaults();
      if (dropped || powered !== power) return;
      const pending = buffered();
      if (pending === 0) {
        if (closed && !finished) {
          finished = true;
          finishDocument(false);
        }
        return;
      }
      const perStep = Math.max(1, Math.ceil(faults.bytesPerSecond / 100));
      const part = take(Math.max(1, Math.min(pending, perStep, untilFault())));
      // The bytes take their time to print, then they count as printed.
      timer = setTimeout(() => {
        decoder.printing = notReadyReason(faults) === null;
        decoder.push(part);
        processed += part.length;
        printNext();
      }, Math.ceil((1000 * part.length) / Math.max(1, faults.bytesPerSecond)));
    };
    const receive = (bytes: Uint8Array): void => {
      if (dropped) return;
      stats.bytes += bytes.length;
      realtime.push(bytes);
      realtime.takeLines();
      buffer.push(bytes.slice());
      if (timer === null) printNext();
    };
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      if (faults.slowMs <= 0 && busy === 0) return receive(bytes);
      busy++;
      socket.pause();
      chain = chain.then(async () => {
        await new Promise((r) => setTimeout(r, faults.slowMs));
        receive(bytes);
        if (--busy === 0 && !socket.destroyed) socket.resume();
      });
    });
    socket.on('error', () => undefined); // the peer vanished; close handles the rest
    socket.on('close', () => {
      sockets.delete(socket);
      // A printer prints what it has buffered even after the host hung up.
      void chain.then(() => {
        closed = true;
        if (timer === null) printNext();
      });
    });
  };

  const listen = async (): Promise<void> => {
    const s = createServer(handle);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => resolve());
    });
    const address = s.address();
    if (address && typeof address === 'object') port = address.port;
    server = s;
  };
  const unlisten = async (): Promise<void> => {
    const s = server;
    server = null;
    power++;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  const onDocument = (listener: (doc: PrintedDocument) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  await listen();
  // A printer that starts switched off still gets its port, so it can be configured and turned on.
  if (faults.down) await unlisten();

  return {
    host,
    get port() {
      return port;
    },
    documents,
    faults,
    stats,
    async setFault(next) {
      const wasDown = faults.down;
      Object.assign(faults, next);
      if (faults.down && !wasDown) await unlisten();
      if (!faults.down && wasDown) await listen();
    },
    waitForDocuments(count, timeoutMs = 5000) {
      if (documents.length >= count) return Promise.resolve(documents.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`virtual printer: ${documents.length}/${count} documents after ${timeoutMs} ms`));
        }, timeoutMs);
        const off = onDocument(() => {
          if (documents.length < count) return;
          clearTimeout(timer);
          off();
          resolve(documents.slice());
        });
      });
    },
    onDocument,
    clear() {
      documents.length = 0;
      Object.assign(stats, { bytes: 0, statusRequests: 0, drawerKicks: 0, processIds: 0 });
    },
    close: unlisten,
  };
}
