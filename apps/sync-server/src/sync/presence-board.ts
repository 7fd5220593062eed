import { PRESENCE_TTL_MS, type PresenceEntry } from '@comanda/core/sync';
import type { ChangeHub, PresenceNotice } from './change-hub';

interface Held {
  entry: PresenceEntry;
  /** This instance's clock when it last heard the entry. */
  heardAt: number;
}

/**
 * What this instance knows of every till's presence, fed by the hub (every instance hears every
 * presence), so a stream opened on any instance starts with the branch's current picture. Entries
 * not refreshed within core's `PRESENCE_TTL_MS` are dropped; nothing here is ever a lock.
 */
export class PresenceBoard {
  private readonly branches = new Map<string, Map<string, Held>>();
  private readonly unsubscribe: () => void;

  constructor(
    hub: ChangeHub,
    private readonly now: () => number,
  ) {
    this.unsubscribe = hub.subscribe((event) => {
      if (event.type === 'presence') this.hear(event.notice);
    });
  }

  /** The live entries of a branch (expired ones are forgotten on the way). */
  snapshot(org: string, branch: string): PresenceEntry[] {
    const held = this.branches.get(key(org, branch));
    if (!held) return [];
    const now = this.now();
    const live: PresenceEntry[] = [];
    for (const [deviceId, h] of held) {
      if (now - h.heardAt >= PRESENCE_TTL_MS) held.delete(deviceId);
      else live.push(h.entry);
    }
    return live;
  }

  /** The entry this device last had, if still live (its `since` carries over while on one order). */
  current(org: string, branch: string, deviceId: string): PresenceEntry | null {
    const held = this.branches.get(key(org, branch))?.get(deviceId);
    return held && this.now() - held.heardAt < PRESENCE_TTL_MS ? held.entry : null;
  }

  close(): void {
    this.unsubscribe();
  }

  private hear(notice: PresenceNotice): void {
    const k = key(notice.org, notice.branch);
    const held = this.branches.get(k) ?? new Map<string, Held>();
    held.set(notice.entry.deviceId, { entry: notice.entry, heardAt: this.now() });
    this.branches.set(k, held);
  }
}

function key(org: string, branch: string): string {
  return JSON.stringify([org, branch]);
}
