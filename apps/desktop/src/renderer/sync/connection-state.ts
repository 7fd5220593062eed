import type { TillDatabase } from '../data/database.js';

/** Why the till is not in step with the server, as the status bar words it. */
export type SyncProblem = 'offline' | 'revoked' | 'server';

/** The connection half of the sync status: what is true about the server link right now. */
export interface ConnectionState {
  online: boolean;
  /** When the server was last known reachable before it went away; null while online. */
  offlineSince: number | null;
  /** The last successful replication request (persisted: it survives restarts). */
  lastSyncAt: number | null;
  problem: SyncProblem | null;
  /** The server's own words for `revoked` and `server` problems. */
  error: string | null;
}

export const INITIAL_CONNECTION: ConnectionState = { online: false, offlineSince: null, lastSyncAt: null, problem: null, error: null };

/** A network failure is "offline", never "Unknown error": the cashier needs to know orders are kept. */
const NETWORK = /Failed to fetch|NetworkError|ECONNREFUSED|ECONNRESET|ETIMEDOUT|fetch failed|Load failed|network|timed? ?out|aborted|offline/i;
const REVOKED = /revoked/i;

/** Sorts a replication error into what a cashier must know, keeping a server's message short. */
export function classifySyncError(error: Error): { problem: SyncProblem; message: string | null } {
  const raw = error.message || error.name || '';
  const message = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  if (REVOKED.test(raw)) return { problem: 'revoked', message };
  // A dropped stream or a failed fetch can surface without a message, or as "Unknown error".
  if (NETWORK.test(raw) || raw === '' || /unknown error/i.test(raw)) return { problem: 'offline', message: null };
  return { problem: 'server', message };
}

export function connectionSucceeded(now: number): ConnectionState {
  return { online: true, offlineSince: null, lastSyncAt: now, problem: null, error: null };
}

/** From the reachability probe, the authoritative online/offline signal. */
export function connectionReachable(state: ConnectionState, reachable: boolean, now: number): ConnectionState {
  if (reachable) return { ...state, online: true, offlineSince: null, problem: state.problem === 'offline' ? null : state.problem };
  // Offline since the last moment the server answered, if that is known and recent.
  const since = state.offlineSince ?? (state.online ? now : (state.lastSyncAt ?? now));
  return { ...state, online: false, offlineSince: since, problem: state.problem === 'revoked' ? 'revoked' : 'offline', error: state.problem === 'revoked' ? state.error : null };
}

export function connectionFailed(state: ConnectionState, error: Error, now: number): ConnectionState {
  const { problem, message } = classifySyncError(error);
  if (problem === 'offline') return connectionReachable(state, false, now);
  // While the probe says offline, a failed request says nothing new.
  if (!state.online && state.problem === 'offline' && problem === 'server') return state;
  return { ...state, problem, error: message };
}

const KEY = 'sync:connection';
/** Writes of the last sync time at most this often (a live till succeeds many times a minute). */
export const PERSIST_EVERY_MS = 10_000;

/** The last sync time and offline start as stored by an earlier run, if any. */
export async function loadConnection(db: TillDatabase): Promise<Pick<ConnectionState, 'lastSyncAt' | 'offlineSince'>> {
  const doc = await db.settings.findOne(KEY).exec();
  const value = (doc?.toJSON().value ?? {}) as { lastSyncAt?: unknown; offlineSince?: unknown };
  const time = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null);
  return { lastSyncAt: time(value.lastSyncAt), offlineSince: time(value.offlineSince) };
}

export async function saveConnection(db: TillDatabase, state: ConnectionState, now: number): Promise<void> {
  await db.settings.upsert({ id: KEY, value: { lastSyncAt: state.lastSyncAt, offlineSince: state.offlineSince }, updatedAt: now });
}
