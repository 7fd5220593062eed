import { createServer, type Server, type Socket } from 'node:net';
import { EscPosDecoder } from './decoder';
import { statusByte, type PrinterCondition } from './status-bytes';

/** Faults a test (or a demo) can switch on at any time. */
export interface VirtualPrinterFaults extends PrinterCondition {
  /** Powered off / unplugged: connections are refused. */
  down: boolean;
  /** Delay before each received chunk is processed; reading pauses meanwhile (TCP backpressure). */
  slowMs: number;
  /** Drop (destroy) each connection after it has delivered this many bytes. */
  dropAfterBytes: number | null;
  /** Run out of paper once a connection has delivered this many bytes. */
  paperOutAfterBytes: number | null;
  /** Never answer `DLE EOT` (a printer without status support, or a hung one). */
  silent: boolean;
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
  readonly stats: { connections: number; bytes: number; statusRequests: number; drawerKicks: number };
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
  dropAfterBytes: null,
  paperOutAfterBytes: null,
  silent: false,
};

function notReadyReason(f: VirtualPrinterFaults): Interruption | null {
  if (f.coverOpen) return 'cover-open';
  if (f.paperOut) return 'paper-out';
  if (f.error) return 'error';
  if (f.offline) return 'offline';
  return null;
}

function hasContent(part: Uint8Array): boolean {
  for (let i = 0; i < part.length; i += 3) {
    if (part[i] !== 0x10 || part[i + 1] !== 0x04) return true;
  }
  return false;
}

/** Starts a virtual ESC/POS network printer: a real TCP server that decodes what it receives. */
export async function startVirtualPrinter(options: VirtualPrinterOptions = {}): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  const faults: VirtualPrinterFaults = { ...NO_FAULTS, ...options.faults };
  const documents: PrintedDocument[] = [];
  const stats = { connections: 0, bytes: 0, statusRequests: 0, drawerKicks: 0 };
  const sockets = new Set<Socket>();
  const listeners = new Set<(doc: PrintedDocument) => void>();
  let server: Server | null = null;
  let port = options.port ?? 0;

  const publish = (doc: PrintedDocument): void => {
    documents.push(doc);
    for (const l of listeners) l(doc);
  };

  const handle = (socket: Socket): void => {
    const connectionId = ++stats.connections;
    sockets.add(socket);
    // Real printers answer status at once; Nagle would hold the 2nd and 3rd answer for an ACK.
    socket.setNoDelay(true);
    let received = 0;
    let interrupted: Interruption | null = null;
    let dropped = false;
    let chain = Promise.resolve();
    let busy = 0;
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
    const decoder = new EscPosDecoder((event) => {
      if (event.type === 'cut') finishDocument(true);
      else if (event.type === 'drawer') stats.drawerKicks++;
      else {
        stats.statusRequests++;
        if (!faults.silent && !socket.destroyed) socket.write(Uint8Array.of(statusByte(event.n, faults)));
      }
    });
    const feed = (part: Uint8Array): void => {
      const reason = notReadyReason(faults);
      decoder.printing = reason === null;
      // Status requests do not move paper; any other byte is content that got lost.
      if (reason && hasContent(part)) interrupted ??= reason;
      decoder.push(part);
    };
    const process = (chunk: Uint8Array): void => {
      if (dropped) return;
      let data = chunk;
      let dropAfter = false;
      if (faults.dropAfterBytes !== null && received + data.length >= faults.dropAfterBytes) {
        data = data.subarray(0, Math.max(0, faults.dropAfterBytes - received));
        dropAfter = true;
      }
      const paperAt = faults.paperOutAfterBytes;
      if (paperAt !== null && received + data.length > paperAt) {
        const split = Math.max(0, paperAt - received);
        feed(data.subarray(0, split));
        faults.paperOut = true;
        faults.paperOutAfterBytes = null;
        feed(data.subarray(split));
      } else {
        feed(data);
      }
      received += data.length;
      stats.bytes += data.length;
      if (dropAfter) {
        dropped = true;
        finishDocument(false);
        socket.destroy();
      }
    };
    socket.on('data', (chunk: Buffer) => {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      if (faults.slowMs <= 0 && busy === 0) return process(bytes);
      busy++;
      socket.pause();
      chain = chain.then(async () => {
        await new Promise((r) => setTimeout(r, faults.slowMs));
        process(bytes);
        if (--busy === 0 && !socket.destroyed) socket.resume();
      });
    });
    socket.on('error', () => undefined); // the peer vanished; close handles the rest
    socket.on('close', () => {
      sockets.delete(socket);
      void chain.then(() => {
        if (!dropped) finishDocument(false);
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
      Object.assign(stats, { bytes: 0, statusRequests: 0, drawerKicks: 0 });
    },
    close: unlisten,
  };
}
