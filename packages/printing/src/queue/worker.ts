import { asCopy, withNotice } from '../layout/documents/notices';
import { labelsFor } from '../layout/labels';
import type { PrinterTransport } from '../transport/tcp';
import { statusProblem, type PrinterStatus } from '../transport/status';
import { attemptPrint, healthOf, type PrinterHealth } from './attempt';
import { QueuedIndex, type QueuedEntry } from './queued-index';
import { encodeFor, RoutingConfigSchema, type PrinterDefinition, type RoutingConfig, type RoutingConfigInput } from './routing';
import {
  NewPrintJobSchema,
  PrintJobError,
  type AttentionReason,
  type NewPrintJob,
  type PrintJob,
  type PrintJobStore,
  CANCELLED_BEFORE_SENDING,
  EXPIRED_BEFORE_SENDING,
} from './types';


export type { PrinterHealth };

/** Everything the till needs to show printing as it happens. */
export type PrintEvent =
  | { type: 'job'; job: PrintJob }
  | { type: 'printer'; printerId: string; health: PrinterHealth; detail: string | null }
  | { type: 'route'; route: string; printerId: string; reroutedFrom: string | null }
  /** The job store failed (disk full, database closed…): printing stalls until it works again. */
  | { type: 'store-error'; message: string };

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface PrintWorkerOptions {
  store: PrintJobStore;
  transport: PrinterTransport;
  routing: RoutingConfigInput;
  /** Injected clock (epoch ms). */
  now?: () => number;
  backoff?: Partial<BackoffOptions>;
  /** How often a primary printer that lost its stations is probed to take them back. */
  probeIntervalMs?: number;
  /** Branch locale for the REPRINT / RE-ROUTED banners the worker adds. */
  locale?: string;
  /**
   * Pause between rounds of status checks of idle printers (0 = never), so an unplugged printer
   * shows "unreachable" within `statusIntervalMs` + the transport's connect timeout (1.5 s + 3 s
   * by default: under the 5 s a kitchen needs), and a printer that comes back prints its waiting
   * jobs at once instead of after their backoff.
   */
  statusIntervalMs?: number;
}

/** Route prefix that addresses a printer directly. */
const DIRECT = 'printer:';

/** Health in which a printer takes jobs. */
const READY: ReadonlySet<PrinterHealth> = new Set(['online', 'paper-near-end']);

/** Default pause between status rounds of idle printers (see `statusIntervalMs`). */
export const DEFAULT_STATUS_INTERVAL_MS = 1500;



/**
 * The print worker: takes durable jobs from the store and prints them, one at a time per printer
 * in enqueue order, with confirmation, backoff, failover to a backup printer, and the
 * at-least-once policy of docs/printing.md (a job that may have printed is never resent without
 * a person deciding).
 */
export class PrintWorker {
  private routing: RoutingConfig;
  private readonly now: () => number;
  private readonly backoff: BackoffOptions;
  private readonly probeIntervalMs: number;
  private readonly failures = new Map<string, number>();
  private readonly failedOver = new Map<string, string>();
  private readonly chosenRoutes = new Map<string, string>();
  private readonly lastProbe = new Map<string, number>();
  private readonly busy = new Set<string>();
  /** Jobs handed to a printer right now, and jobs a person is cancelling (never started meanwhile). */
  private readonly inFlightJobs = new Set<string>();
  private readonly cancelling = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly listeners = new Set<(e: PrintEvent) => void>();
  private readonly health = new Map<string, PrinterHealth>();
  private readonly queued = new QueuedIndex();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly statusEvery: number;
  private pumping = false;
  private pumpAgain = false;
  private stopped = false;
  private seq = 0;

  private constructor(private readonly options: PrintWorkerOptions) {
    this.routing = RoutingConfigSchema.parse(options.routing);
    this.now = options.now ?? Date.now;
    this.backoff = { initialMs: 1000, maxMs: 60_000, factor: 2, ...options.backoff };
    this.probeIntervalMs = options.probeIntervalMs ?? 15_000;
    this.statusEvery = options.statusIntervalMs ?? DEFAULT_STATUS_INTERVAL_MS;
  }

  /**
   * Starts a worker over a store. Jobs found `sending` were interrupted by a crash or restart
   * mid-send: they become `needs-attention` (may have printed), never resent silently.
   */
  static async start(options: PrintWorkerOptions): Promise<PrintWorker> {
    const worker = new PrintWorker(options);
    const { store } = options;
    const [maxSeq, sending] = await Promise.all([
      store.maxSeq ? store.maxSeq() : store.list().then((jobs) => jobs.reduce((m, j) => Math.max(m, j.seq), 0)),
      store.list(['sending']),
    ]);
    worker.seq = maxSeq;
    for (const job of sending) {
      await worker.needsAttention(job, 'unknown-after-restart', 'the till stopped while this job was being sent', 0);
    }
    worker.kick();
    worker.scheduleStatusRound();
    return worker;
  }

  /** Jobs in the given states (all when omitted), in print order: the till's print-queue screen. */
  jobs(states?: readonly PrintJob['state'][]): Promise<PrintJob[]> {
    return this.options.store.list(states);
  }

  /** Last known health of each printer (from sends, probes and idle status checks). */
  printerHealth(): ReadonlyMap<string, PrinterHealth> {
    return this.health;
  }

  /**
   * Asks one printer for its status now (settings screen, "check" button).
   * @throws {PrintJobError} NO_PRINTER for an unknown id; transport errors when it does not answer
   */
  async checkPrinter(printerId: string): Promise<PrinterStatus> {
    const printer = this.printer(printerId);
    if (!printer) throw new PrintJobError('NO_PRINTER', `unknown printer "${printerId}"`);
    try {
      const status = await this.options.transport.status(printer);
      this.emitPrinter(printer.id, healthOf(status), null);
      return status;
    } catch (e) {
      this.emitPrinter(printer.id, 'unreachable', errorText(e));
      throw e;
    }
  }

  /** The next round starts once this one is over, so a slow printer never stacks up checks. */
  private scheduleStatusRound(): void {
    if (this.statusEvery <= 0 || this.stopped) return;
    this.statusTimer = setTimeout(() => {
      void this.watchIdlePrinters().finally(() => this.scheduleStatusRound());
    }, this.statusEvery);
  }

  /** Checks every idle printer at once (one slow printer must not delay news of the others). */
  private async watchIdlePrinters(): Promise<void> {
    await Promise.all(
      this.routing.printers.map(async (p) => {
        if (this.stopped || this.busy.has(p.id)) return;
        // Held busy meanwhile: many printers take one connection at a time.
        this.busy.add(p.id);
        const before = this.health.get(p.id);
        try {
          await this.checkPrinter(p.id).catch(() => undefined); // reported through the event
        } finally {
          this.busy.delete(p.id);
        }
        const now = this.health.get(p.id);
        // Back from a problem: what waits for it prints now, not when its backoff runs out.
        if (before !== undefined && !READY.has(before) && now !== undefined && READY.has(now)) await this.retryPrinter(p.id);
      }),
    ).catch((e: unknown) => this.emit({ type: 'store-error', message: errorText(e) }));
    this.kick();
  }

  /** Queued jobs that would print on this printer become due now. */
  private async retryPrinter(printerId: string): Promise<void> {
    const now = this.now();
    for (const job of await this.options.store.list(['queued'])) {
      if (job.nextAttemptAt > now && this.target(job.route).printer?.id === printerId) {
        await this.save({ ...job, nextAttemptAt: now, updatedAt: now }, false);
      }
    }
  }

  /** Subscribes to job, printer and route events; returns an unsubscribe function. */
  subscribe(listener: (e: PrintEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces printers and routes (settings screen). Takes effect for the next job. */
  setRouting(routing: RoutingConfigInput): void {
    this.routing = RoutingConfigSchema.parse(routing);
    this.kick();
  }

  /**
   * Adds a job unless one with the same id exists (the outbox reconciler may run twice).
   * @throws {PrintJobError} NO_PRINTER when no printer is assigned to the job's route
   */
  async enqueue(input: NewPrintJob): Promise<PrintJob> {
    const parsed = NewPrintJobSchema.parse(input);
    if (!this.target(parsed.route).printer) {
      throw new PrintJobError('NO_PRINTER', `no printer is assigned to "${parsed.route}"; assign one in printer settings`);
    }
    const now = this.now();
    const job: PrintJob = {
      ...parsed,
      // Print order, and time-like (≥ now) so a store can find the greatest in a recent window.
      seq: (this.seq = Math.max(now, this.seq + 1)),
      state: 'queued',
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      nextAttemptAt: now,
      printerId: null,
      lastError: null,
      attention: null,
      reprints: 0,
      printedAt: null,
      expiresAt: parsed.expiresAt ?? null,
    };
    const stored = await this.options.store.insertIfAbsent(job);
    this.queued.track(stored);
    if (stored.seq === job.seq) this.emit({ type: 'job', job: stored });
    this.kick();
    return stored;
  }

  /** A person chose to print a job again (after "may have printed", or a lost ticket). */
  async reprint(id: string): Promise<PrintJob> {
    const job = await this.require(id, ['needs-attention', 'printed', 'dismissed']);
    const now = this.now();
    const next: PrintJob = { ...job, state: 'queued', reprints: job.reprints + 1, attention: null, attempts: 0, nextAttemptAt: now, updatedAt: now };
    await this.save(next);
    this.kick();
    return next;
  }

  /** A person confirmed a "may have printed" job did print (or is not needed). */
  async dismiss(id: string): Promise<PrintJob> {
    const job = await this.require(id, ['needs-attention']);
    const next: PrintJob = { ...job, state: 'dismissed', updatedAt: this.now() };
    await this.save(next);
    return next;
  }

  /**
   * A person decided a waiting job must not print at all (the kitchen was told another way, the
   * order changed): it is dismissed without being sent. Refused once the job is being sent.
   * @throws {PrintJobError} INVALID_STATE unless the job is queued and not being sent
   */
  async cancel(id: string): Promise<PrintJob> {
    // Checked and claimed before any await: the pump never starts a job being cancelled.
    if (this.inFlightJobs.has(id)) throw new PrintJobError('INVALID_STATE', `print job "${id}" is being sent`);
    this.cancelling.add(id);
    try {
      const job = await this.require(id, ['queued']);
      const next: PrintJob = { ...job, state: 'dismissed', lastError: CANCELLED_BEFORE_SENDING, updatedAt: this.now() };
      await this.save(next);
      return next;
    } finally {
      this.cancelling.delete(id);
      this.kick();
    }
  }

  /** Routes a person sent to another printer with {@link reroute} (route → printer id). */
  manualRoutes(): ReadonlyMap<string, string> {
    return this.chosenRoutes;
  }

  /** Sends a route to a chosen printer until cleared with null (the till's "re-route" action). */
  reroute(route: string, printerId: string | null): void {
    if (printerId === null) this.chosenRoutes.delete(route);
    else {
      if (!this.printer(printerId)) throw new PrintJobError('NO_PRINTER', `unknown printer "${printerId}"`);
      this.chosenRoutes.set(route, printerId);
    }
    const { printer, reroutedFrom } = this.target(route);
    if (printer) this.emit({ type: 'route', route, printerId: printer.id, reroutedFrom: reroutedFrom?.id ?? null });
    this.kick();
  }

  /** Retries waiting jobs now instead of after their backoff (the till's "retry" action). */
  async retryNow(): Promise<void> {
    const now = this.now();
    for (const job of await this.options.store.list(['queued'])) {
      if (job.nextAttemptAt > now) await this.save({ ...job, nextAttemptAt: now, updatedAt: now }, false);
    }
    this.kick();
  }

  /**
   * The printer a route currently prints on, and the primary it was taken from when failed over.
   * `printer:<id>` addresses one printer directly (test pages, reports), without failover.
   */
  target(route: string): { printer: PrinterDefinition | null; reroutedFrom: PrinterDefinition | null } {
    if (route.startsWith(DIRECT)) return { printer: this.printer(route.slice(DIRECT.length)), reroutedFrom: null };
    const r = this.routing.routes[route];
    if (!r) return { printer: null, reroutedFrom: null };
    const primary = this.printer(r.primary);
    const id = this.chosenRoutes.get(route) ?? this.failedOver.get(route) ?? r.primary;
    const printer = this.printer(id);
    return { printer, reroutedFrom: id !== r.primary ? primary : null };
  }

  /** Stops taking jobs and waits for sends in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    await Promise.all([...this.inflight]);
  }

  private printer(id: string): PrinterDefinition | null {
    return this.routing.printers.find((p) => p.id === id) ?? null;
  }

  private emit(e: PrintEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** Printer events only when the health changes, so the UI is not flooded by every send. */
  private emitPrinter(printerId: string, health: PrinterHealth, detail: string | null): void {
    if (this.health.get(printerId) === health) return;
    this.health.set(printerId, health);
    this.emit({ type: 'printer', printerId, health, detail });
  }

  private async require(id: string, states: PrintJob['state'][]): Promise<PrintJob> {
    const job = await this.options.store.get(id);
    if (!job) throw new PrintJobError('NOT_FOUND', `print job "${id}" does not exist`);
    if (!states.includes(job.state)) throw new PrintJobError('INVALID_STATE', `print job "${id}" is ${job.state}`);
    return job;
  }

  private async save(job: PrintJob, announce = true): Promise<void> {
    await this.options.store.put(job);
    this.queued.track(job);
    if (announce) this.emit({ type: 'job', job });
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.pump()
      .catch((e: unknown) => {
        this.queued.markStale();
        this.emit({ type: 'store-error', message: errorText(e) });
        this.schedule(this.now() + this.backoff.initialMs); // try again; jobs are still on disk
      })
      .finally(() => {
      this.pumping = false;
      if (this.pumpAgain) {
        this.pumpAgain = false;
        this.kick();
      }
    });
  }

  private schedule(at: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, Math.max(0, at - this.now()));
  }

  /** Starts the head job of every idle printer; jobs behind a waiting head wait too (strict order). */
  private async pump(): Promise<void> {
    await this.probeFailedOverPrimaries();
    await this.queued.ensure(this.options.store);
    const heads = new Map<string, { entry: QueuedEntry; printer: PrinterDefinition; reroutedFrom: PrinterDefinition | null }>();
    for (const entry of this.queued.inOrder()) {
      // A drawer kick nobody is waiting for any more must not pop the drawer open later.
      if (entry.expiresAt !== null && entry.expiresAt <= this.now()) {
        const job = await this.options.store.get(entry.id);
        if (job?.state === 'queued') await this.save({ ...job, state: 'dismissed', lastError: EXPIRED_BEFORE_SENDING, updatedAt: this.now() });
        else this.queued.forget(entry.id);
        continue;
      }
      const { printer, reroutedFrom } = this.target(entry.route);
      if (!printer || heads.has(printer.id) || this.cancelling.has(entry.id)) continue;
      heads.set(printer.id, { entry, printer, reroutedFrom });
    }
    let wake = Infinity;
    const now = this.now();
    for (const { entry, printer, reroutedFrom } of heads.values()) {
      if (this.busy.has(printer.id)) continue;
      if (entry.nextAttemptAt > now) {
        wake = Math.min(wake, entry.nextAttemptAt);
        continue;
      }
      // Claimed before any await: a cancel now is refused, and no other pump starts it.
      this.busy.add(printer.id);
      this.inFlightJobs.add(entry.id);
      const run = this.options.store
        .get(entry.id)
        .then((job) => {
          if (job?.state === 'queued') return this.send(job, printer, reroutedFrom);
          this.queued.forget(entry.id);
        })
        .catch((e: unknown) => {
          this.queued.markStale();
          this.emit({ type: 'store-error', message: errorText(e) });
        })
        .finally(() => {
          this.busy.delete(printer.id);
          this.inFlightJobs.delete(entry.id);
          this.inflight.delete(run);
          this.kick();
        });
      this.inflight.add(run);
    }
    if (this.failedOver.size > 0) wake = Math.min(wake, now + this.probeIntervalMs);
    if (wake < Infinity) this.schedule(wake);
  }

  private async probeFailedOverPrimaries(): Promise<void> {
    const primaries = new Set([...this.failedOver.keys()].map((route) => this.routing.routes[route]?.primary));
    for (const id of primaries) {
      const printer = id ? this.printer(id) : null;
      if (!printer || this.busy.has(printer.id) || this.now() - (this.lastProbe.get(printer.id) ?? 0) < this.probeIntervalMs) continue;
      this.lastProbe.set(printer.id, this.now());
      try {
        const status = await this.options.transport.status(printer);
        this.emitPrinter(printer.id, healthOf(status), null);
        if (statusProblem(status) !== null) continue;
        this.failures.set(printer.id, 0);
        for (const route of [...this.failedOver.keys()]) {
          if (this.routing.routes[route]?.primary !== printer.id) continue;
          this.failedOver.delete(route);
          this.emit({ type: 'route', route, printerId: printer.id, reroutedFrom: null });
        }
      } catch {
        // still down: keep the backup
      }
    }
  }

  private async send(job: PrintJob, printer: PrinterDefinition, reroutedFrom: PrinterDefinition | null): Promise<void> {
    let bytes: Uint8Array;
    try {
      let doc = job.document;
      const L = labelsFor(this.options.locale);
      if (reroutedFrom) doc = withNotice(doc, `${L.reroutedFrom} ${reroutedFrom.name}`);
      if (job.reprints > 0) doc = asCopy(doc, L);
      bytes = encodeFor(printer, doc);
    } catch (e) {
      return this.notSent(job, printer, `cannot encode: ${errorText(e)}`);
    }
    const sending: PrintJob = { ...job, state: 'sending', printerId: printer.id, attempts: job.attempts + 1, updatedAt: this.now() };
    const outcome = await attemptPrint(printer, bytes, {
      transport: this.options.transport,
      jobId: job.id,
      markSending: () => this.save(sending),
      onHealth: (health, detail) => this.emitPrinter(printer.id, health, detail),
    });
    if (outcome.kind === 'not-sent') return this.notSent(job, printer, outcome.detail);
    if (outcome.kind === 'may-have-printed') return this.needsAttention(sending, outcome.reason, outcome.detail, outcome.bytesWritten);
    this.failures.set(printer.id, 0);
    await this.save({ ...sending, state: 'printed', printedAt: this.now(), lastError: null, updatedAt: this.now() });
  }

  private async needsAttention(job: PrintJob, reason: AttentionReason, detail: string, bytesWritten: number): Promise<void> {
    const now = this.now();
    await this.save({ ...job, state: 'needs-attention', lastError: detail, attention: { reason, detail, at: now, bytesWritten }, updatedAt: now });
  }

  /** Nothing of the job reached the printer: retry with backoff, failing over when the primary keeps failing. */
  private async notSent(job: PrintJob, printer: PrinterDefinition, detail: string): Promise<void> {
    const failures = (this.failures.get(printer.id) ?? 0) + 1;
    this.failures.set(printer.id, failures);
    let failedOver = false;
    if (failures >= this.routing.failoverAfter) {
      for (const [route, r] of Object.entries(this.routing.routes)) {
        if (r.primary !== printer.id || !r.backup || this.failedOver.has(route) || this.chosenRoutes.has(route)) continue;
        this.failedOver.set(route, r.backup);
        this.lastProbe.set(printer.id, this.now());
        this.emit({ type: 'route', route, printerId: r.backup, reroutedFrom: printer.id });
        failedOver ||= route === job.route;
      }
    }
    const attempts = job.attempts + 1;
    const delay = failedOver ? 0 : Math.min(this.backoff.maxMs, this.backoff.initialMs * this.backoff.factor ** (attempts - 1));
    const now = this.now();
    await this.save({ ...job, state: 'queued', attempts, printerId: printer.id, lastError: detail, nextAttemptAt: now + delay, updatedAt: now });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
