/**
 * Printing for the in-memory ports: the real `PrintWorker` over a `MemoryPrintJobStore`, printing
 * to simulated printers through the same `remoteTransport` the till uses with its host. Queue
 * states, retries, reprints, re-routing and settings therefore behave as in the real till.
 */
import {
  MemoryPrintJobStore,
  PrintWorker,
  remoteTransport,
  RemotePrinterError,
  type HostPrinterApi,
} from '@comanda/printing/queue';
import type { PrintCompletion, PrinterStatus } from '@comanda/printing/transport';
import {
  PortError,
  type Branch,
  type Listener,
  type PrinterSetting,
  type PrinterStatusView,
  type PrintQueueView,
  type TillPorts,
  type Unsubscribe,
} from '../../till-ports';
import { sendTestPage } from '../../printing/host-printer-api';
import { configFromSetting, settingFromBranchPrinter } from '../../printing/printer-settings';
import { createWorkerPorts, type WorkerPorts } from '../../printing/queue-ports';
import { tillRouting } from '../../printing/routing';
import { printerConfigSchema, describeZodError } from '../../../host/contract';

/** What a simulated printer can be told to do (as the virtual printer's faults). */
export interface MemoryPrinterFaults {
  /** Connections refused: nothing is sent. */
  down: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  /** The connection breaks after the bytes went out: the job may have printed. */
  dropAfterSend: boolean;
}

/** One simulated printer: what it received, as text (ESC/POS commands stripped). */
export interface MemoryPrinter {
  faults: MemoryPrinterFaults;
  /** Printable text of each job received. */
  printed: string[];
  drawerKicks: number;
}

/** Printable ASCII of an ESC/POS job (enough for tests to recognise a document). */
function printableText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) if (b === 0x0a || (b >= 0x20 && b < 0x7f)) out += String.fromCharCode(b);
  return out;
}

function hasDrawerKick(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++)
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x70) return true;
  return false;
}

export interface MemoryPrinting {
  /** The real worker's ports over the simulated printers, plus the settings ones the host answers. */
  ports: Omit<WorkerPorts, 'changed'> &
    Pick<TillPorts['printing'], 'loadPrinterSettings' | 'savePrinterSettings' | 'printTestPage'>;
  /** The simulated printer with this id (created online on first use). */
  printer(id: string): MemoryPrinter;
  /** The running worker (tests enqueue jobs as the outbox reconciler would). */
  worker(): Promise<PrintWorker>;
  /** Settings saves that reached the "host". */
  saves: PrinterSetting[][];
}

/** Starts printing for memory ports: branch printers from the branch document, device printers as given. */
export function createMemoryPrinting(
  branch: Branch,
  devicePrinters: PrinterSetting[],
  now: () => number,
): MemoryPrinting {
  const printers = new Map<string, MemoryPrinter>();
  const printer = (id: string): MemoryPrinter => {
    let p = printers.get(id);
    if (!p) {
      p = {
        faults: { down: false, paperOut: false, coverOpen: false, dropAfterSend: false },
        printed: [],
        drawerKicks: 0,
      };
      printers.set(id, p);
    }
    return p;
  };
  const status = (p: MemoryPrinter): PrinterStatus => ({
    online: true,
    coverOpen: p.faults.coverOpen,
    paperEnd: p.faults.paperOut,
    paperNearEnd: false,
    error: false,
    drawerOpen: false,
  });
  const api: HostPrinterApi = {
    status(id) {
      const p = printer(id);
      return p.faults.down
        ? Promise.reject(new RemotePrinterError(`cannot connect to ${id}`, 0))
        : Promise.resolve(status(p));
    },
    send(id, bytes, job): Promise<PrintCompletion> {
      const p = printer(id);
      if (p.faults.down)
        return Promise.reject(new RemotePrinterError(`cannot connect to ${id}`, 0, 'connect'));
      // As the host does: a printer that is not ready is told nothing.
      if (job.statusQueries && (p.faults.paperOut || p.faults.coverOpen))
        return Promise.reject(new RemotePrinterError(`${id} is not ready`, 0, 'status', status(p)));
      if (p.faults.dropAfterSend)
        return Promise.reject(
          new RemotePrinterError(`connection to ${id} lost while sending`, bytes.length, 'write'),
        );
      p.printed.push(printableText(bytes));
      if (hasDrawerKick(bytes)) p.drawerKicks += 1;
      return Promise.resolve({ kind: 'printed', confirmation: 'process-id', status: status(p) });
    },
  };
  let device = devicePrinters.map((p) => structuredClone(p));
  const saves: PrinterSetting[][] = [];
  const routing = () => tillRouting(branch.printers, device.map(configFromSetting));
  let current = routing();
  const store = new MemoryPrintJobStore();
  const started = PrintWorker.start({
    store,
    transport: remoteTransport(api),
    routing: current,
    now,
    // The worker runs on the memory clock: a failed job is retried only when a test advances the
    // clock past its backoff, or a person asks (retry now, re-route), never behind a test's back.
    backoff: { initialMs: 1000, maxMs: 60_000 },
    statusIntervalMs: 0,
  }).then((worker) => ({
    worker,
    ports: createWorkerPorts({
      worker,
      routing: () => current,
      now,
      getJob: (id) => store.get(id),
    }),
  }));
  const ready = <K extends keyof WorkerPorts>(key: K) => started.then(({ ports }) => ports[key]);
  /** A port subscription on the worker that starts asynchronously (the listener gets its first value shortly after). */
  function later<T>(
    subscribe: (ports: WorkerPorts, listener: Listener<T>) => Unsubscribe,
  ): (listener: Listener<T>) => Unsubscribe {
    return (listener) => {
      let stop: Unsubscribe | null = null;
      let stopped = false;
      void started.then(({ ports }) => {
        if (!stopped) stop = subscribe(ports, listener);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    };
  }

  return {
    printer,
    saves,
    worker: () => started.then((s) => s.worker),
    ports: {
      subscribePrinters: later<PrinterStatusView[]>((p, l) => p.subscribePrinters(l)),
      subscribeQueue: later<PrintQueueView>((p, l) => p.subscribeQueue(l)),
      retryJob: async (id) => (await ready('retryJob'))(id),
      reprintJob: async (id) => (await ready('reprintJob'))(id),
      dismissJob: async (id) => (await ready('dismissJob'))(id),
      cancelJob: async (id) => (await ready('cancelJob'))(id),
      reroute: async (route, id) => (await ready('reroute'))(route, id),
      checkPrinter: async (id) => (await ready('checkPrinter'))(id),
      openCashDrawer: async () => (await ready('openCashDrawer'))(),
      loadPrinterSettings: () =>
        Promise.resolve({
          device: structuredClone(device),
          branch: branch.printers.map(settingFromBranchPrinter),
        }),
      async savePrinterSettings(next) {
        // The host validates every printer with the contract's schema, as the real one does.
        const configs = next.map(configFromSetting);
        for (const c of configs) {
          const parsed = printerConfigSchema.safeParse(c);
          if (!parsed.success) throw new PortError('invalid', describeZodError(parsed.error));
        }
        if (new Set(configs.map((c) => c.id)).size !== configs.length)
          throw new PortError('invalid', 'Two printers share the same id');
        device = structuredClone(next);
        saves.push(structuredClone(next));
        current = routing();
        const { worker, ports } = await started;
        worker.setRouting(current);
        ports.changed();
        return structuredClone(device);
      },
      async printTestPage(id) {
        const def = current.printers.find((p) => p.id === id);
        if (!def) throw new PortError('not-found', `No printer ${id}; save it first`);
        await sendTestPage(api, def, new Date(now())).catch((error: unknown) =>
          Promise.reject(new PortError('host-unavailable', (error as Error).message)),
        );
      },
    },
  };
}
