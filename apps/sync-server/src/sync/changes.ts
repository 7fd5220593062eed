import type { ChangesEvent, PresenceEntry } from '@comanda/core/sync';
import type { ChangeHub, HubEvent } from './change-hub';
import type { PresenceBoard } from './presence-board';

export interface ChangesOptions {
  hub: ChangeHub;
  presence: PresenceBoard;
  org: string;
  branch: string;
  /** The device listening: changes its own pushes wrote do not wake it. */
  device: string;
  signal: AbortSignal | undefined;
  /** With no notice for this long, the till is told to pull everything anyway (lost notices). */
  pollMs: number;
  /** Called before every event; throws to end the stream (e.g. the device was revoked). */
  check: () => Promise<void>;
}

/**
 * Whether a hub event is for this device of this org's branch (a resync is for everyone; a change
 * the device's own push wrote is not: the push's answer told it).
 */
function concernsDevice(event: HubEvent, org: string, branch: string, device: string): boolean {
  if (event.type === 'resync') return true;
  if (event.type === 'presence') return event.notice.org === org && event.notice.branch === branch;
  const n = event.notice;
  return n.org === org && n.by !== device && n.branches.some((b) => b === null || b === branch);
}

/**
 * The till's one live stream for every collection (browsers give a server six HTTP/1.1
 * connections; one stream per collection would take five of them). It names the collections that
 * changed for the branch and relays presence; the till pulls from its own checkpoints, so a lost,
 * repeated or merged notice only costs a pull, never a document. Starts with 'RESYNC' and the
 * branch's presence; 'RESYNC' again after the hub may have missed notices and every `pollMs`.
 */
export async function* streamBranchChanges(options: ChangesOptions): AsyncGenerator<ChangesEvent> {
  const { hub, org, branch, device } = options;
  let wake: (() => void) | null = null;
  let resync = true;
  const changed = new Set<string>();
  const heard: HubEvent[] = [];
  const unsubscribe = hub.subscribe(
    (event) => {
      // The hub hands a stream only its branch's notices (and org-wide ones); the device's own
      // pushes are skipped here. Waking every stream for every notice cost O(streams) generator
      // turns per push (the load bench's tail latency, issue 17).
      if (!concernsDevice(event, org, branch, device)) return;
      heard.push(event);
      wake?.();
    },
    { org, branch },
  );
  const onAbort = (): void => wake?.();
  options.signal?.addEventListener('abort', onAbort);
  try {
    await options.check();
    yield 'RESYNC';
    yield { presence: options.presence.snapshot(org, branch) };
    resync = false;
    while (!options.signal?.aborted) {
      if (heard.length === 0) {
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = null;
        if (timedOut) resync = true;
      }
      if (options.signal?.aborted) break;
      // Everything heard since the last event goes out as one event of each kind.
      // One entry per till (its latest): an event stays within core's bound on entries.
      const entries = new Map<string, PresenceEntry>();
      for (const event of heard.splice(0)) {
        if (event.type === 'resync') resync = true;
        else if (event.type === 'change') changed.add(event.notice.collection);
        else entries.set(event.notice.entry.deviceId, event.notice.entry);
      }
      if (!resync && changed.size === 0 && entries.size === 0) continue;
      await options.check();
      if (resync) yield 'RESYNC';
      else if (changed.size > 0) yield { changed: [...changed] };
      if (entries.size > 0) yield { presence: [...entries.values()] };
      resync = false;
      changed.clear();
    }
  } finally {
    unsubscribe();
    options.signal?.removeEventListener('abort', onAbort);
  }
}
