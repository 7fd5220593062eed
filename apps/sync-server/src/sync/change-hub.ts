import type { PresenceEntry } from '@comanda/core/sync';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Queryable } from '../db/tx';

export const CHANGES_CHANNEL = 'comanda_changes';
/** Presence travels on its own channel: it is not a write and has no transaction. */
export const PRESENCE_CHANNEL = 'comanda_presence';

/** A committed change: which org's collection, and which branches can see it (null = all). */
export interface ChangeNotice {
  org: string;
  collection: string;
  branches: (string | null)[];
  /**
   * The device whose push wrote it. Its own stream is not woken: the push's answer already gave
   * it everything the write changed (a joined order comes back as the conflict), so the pull
   * would only fetch its own documents again (decision 0018).
   */
  by?: string;
  /** A device this change revoked: every instance forgets it was active (`ActiveDevices`). */
  revoked?: string;
}

/** A till said which order it has on screen (see core's `presenceEntrySchema`). */
export interface PresenceNotice {
  org: string;
  branch: string;
  entry: PresenceEntry;
}

/** What listeners receive: a change, a presence, or `resync` after notices may have been missed. */
export type HubEvent =
  | { type: 'change'; notice: ChangeNotice }
  | { type: 'presence'; notice: PresenceNotice }
  | { type: 'resync' };

type Listener = (event: HubEvent) => void;

/** The branch a listener is for: it hears that branch's changes and presence, org-wide changes and resyncs. */
export interface BranchOfListener {
  org: string;
  branch: string;
}

/**
 * Fans committed changes out to live streams. On Postgres the notice is sent with NOTIFY inside
 * the writing transaction (delivered only on commit) and every instance LISTENs, so replicas
 * behind a load balancer all stream every change. On PGlite (one process) it is in-process.
 */
export class ChangeHub {
  /** Listeners of every event (owner streams, the presence board, caches). */
  private readonly listeners = new Set<Listener>();
  /**
   * Branch listeners (tills' streams) by org and branch: a notice reaches its branch's streams
   * without a turn through every stream of the instance (2,000 streams × 200 pushes/s was 400,000
   * filter calls a second, issue 17).
   */
  private readonly branches = new Map<string, Map<string, Set<Listener>>>();
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly listenUrl: string | null,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.listenUrl) await this.connect();
  }

  /** Called inside the writing transaction (Postgres) so the notice is as durable as the write. */
  async publishInTransaction(tx: Queryable, notice: ChangeNotice): Promise<void> {
    if (this.listenUrl)
      await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(notice)]);
  }

  /** Called after commit: on PGlite this is the only announcement. */
  afterCommit(notice: ChangeNotice): void {
    if (!this.listenUrl) this.emit({ type: 'change', notice });
  }

  /**
   * Announces a presence to every instance (NOTIFY on Postgres, in-process on PGlite). Presence is
   * advisory: a lost notice only delays it until the till's next refresh.
   */
  async publishPresence(db: Queryable, notice: PresenceNotice): Promise<void> {
    if (this.listenUrl)
      await db.query('SELECT pg_notify($1, $2)', [PRESENCE_CHANNEL, JSON.stringify(notice)]);
    else this.emit({ type: 'presence', notice });
  }

  /** Every event, or with `of` only what concerns that branch (see {@link BranchOfListener}). */
  subscribe(listener: Listener, of?: BranchOfListener): () => void {
    if (!of) {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    }
    const org = this.branches.get(of.org) ?? new Map<string, Set<Listener>>();
    this.branches.set(of.org, org);
    const set = org.get(of.branch) ?? new Set<Listener>();
    org.set(of.branch, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size > 0 || org.get(of.branch) !== set) return;
      org.delete(of.branch);
      if (org.size === 0) this.branches.delete(of.org);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private emit(event: HubEvent): void {
    for (const listener of this.listeners) listener(event);
    for (const set of this.branchListeners(event)) for (const listener of set) listener(event);
  }

  private *branchListeners(event: HubEvent): Iterable<Set<Listener>> {
    if (event.type === 'resync') {
      for (const org of this.branches.values()) yield* org.values();
      return;
    }
    const org = this.branches.get(event.notice.org);
    if (!org) return;
    if (event.type === 'presence') {
      const set = org.get(event.notice.branch);
      if (set) yield set;
      return;
    }
    // null: the change is visible to every branch of the org.
    if (event.notice.branches.includes(null)) {
      yield* org.values();
      return;
    }
    for (const branch of new Set(event.notice.branches)) {
      const set = org.get(branch as string);
      if (set) yield set;
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.listenUrl ?? undefined });
    const retry = (error: unknown): void => {
      if (this.closed || this.client !== client) return;
      this.logger.warn({ err: error }, 'LISTEN connection lost; reconnecting');
      this.client = null;
      client.end().catch(() => undefined);
      // Notices sent while disconnected are gone: streams must pull to catch up.
      this.emit({ type: 'resync' });
      this.reconnectTimer = setTimeout(() => void this.connect().catch(retry), 500);
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        if (message.channel === CHANGES_CHANNEL)
          this.emit({ type: 'change', notice: JSON.parse(message.payload) as ChangeNotice });
        if (message.channel === PRESENCE_CHANNEL)
          this.emit({ type: 'presence', notice: JSON.parse(message.payload) as PresenceNotice });
      } catch (error) {
        this.logger.error({ err: error }, 'malformed change notice');
      }
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      await client.query(`LISTEN ${PRESENCE_CHANNEL}`);
    } catch (error) {
      retry(error);
      if (!this.closed) return;
    }
    this.emit({ type: 'resync' });
  }
}
