import type { OrderDoc } from '@comanda/core';
import { upsertBranch } from '../db/branches';
import type { Database } from '../db/database';
import { ensureOrg } from '../db/orgs';
import { withTransaction } from '../db/tx';
import { applyWrites } from '../sync/documents';
import { writeRow } from '../sync/rules';
import { historyMenu, playOrder, type OrderSpec } from './order-history';

/** A branch of the seeded history. */
export interface HistoryBranch {
  id: string;
  timeZone: string;
  tills: string[];
  staff: string[];
}

export interface HistorySeedOptions {
  orgId: string;
  /** Orders in all (default 300,000), spread over the days and branches. */
  orders?: number;
  /** First business day (`YYYY-MM-DD`) and number of days (default 365). */
  firstDay?: string;
  days?: number;
  /** The PRNG seed: the same seed gives the same documents. */
  seed?: number;
  branches?: HistoryBranch[];
  /** Orders per write transaction (default 2,000). */
  batch?: number;
  onProgress?: (written: number) => void;
}

export const HISTORY_BRANCHES: HistoryBranch[] = [
  {
    id: 'paris-11',
    timeZone: 'Europe/Paris',
    tills: ['comptoir', 'terrasse'],
    staff: ['staff-lea', 'staff-hugo', 'staff-ines', 'staff-manager'],
  },
  {
    id: 'lyon-2',
    timeZone: 'Europe/Paris',
    tills: ['caisse-1'],
    staff: ['staff-paul', 'staff-sara', 'staff-manager'],
  },
  {
    id: 'lisbon-1',
    timeZone: 'Europe/Lisbon',
    tills: ['balcao', 'sala'],
    staff: ['staff-rui', 'staff-ana', 'staff-joao'],
  },
];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATE_AT = Date.parse('2000-01-01T00:00:00Z');
const TOKEN = /~(id|branch|till|staff)~/g;

/** A random order story over the demo menu: mostly paid, some open, voided, discounted or refunded. */
function randomSpec(r: () => number, i: number): OrderSpec {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const method = () => pick(['card', 'card', 'card', 'cash', 'cash', 'other'] as const);
  const roll = r();
  return {
    id: '~id~',
    branchId: '~branch~',
    tillId: '~till~',
    businessDay: '2000-01-01',
    ticketNumber: 1 + i,
    openedAt: TEMPLATE_AT,
    staffId: '~staff~',
    takeaway: r() < 0.3,
    lines: Array.from({ length: 1 + Math.floor(r() * 5) }, () => ({
      item: Math.floor(r() * 1000),
      quantity: r() < 0.8 ? 1 : 2 + Math.floor(r() * 3),
      option: Math.floor(r() * 6),
    })),
    voidUnit: r() < 0.05 ? Math.floor(r() * 5) : null,
    discount:
      r() < 0.08
        ? r() < 0.5
          ? { percent: pick([500, 1000, 1500, 5000]) }
          : { amount: 50 + Math.floor(r() * 400), line: Math.floor(r() * 5) }
        : null,
    fate: roll < 0.03 ? 'voided' : roll < 0.04 ? 'open' : 'paid',
    pays: r() < 0.15 ? [{ method: method(), part: 500 + Math.floor(r() * 3000), tip: 0 }] : [],
    refunds:
      r() < 0.02
        ? [
            r() < 0.5
              ? { line: Math.floor(r() * 5), quantity: 1, method: method() }
              : { amount: 100 + Math.floor(r() * 1500), method: method() },
          ]
        : [],
  };
}

/** Moves every time of a template order by `delta` ms (fields named `at` or `…At`). */
function shiftTimes(value: unknown, delta: number): void {
  if (Array.isArray(value)) {
    for (const v of value) shiftTimes(v, delta);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'number' && (k === 'at' || k.endsWith('At'))) o[k] = v + delta;
    else if (typeof v === 'object') shiftTimes(v, delta);
  }
}

/** A template order, played once through the core and stamped for many real orders. */
export function stampOrder(
  template: string,
  stamp: {
    id: string;
    branch: string;
    till: string;
    staff: string;
    day: string;
    ticket: number;
    openedAt: number;
  },
): OrderDoc {
  const doc = JSON.parse(
    template
      .replace(TOKEN, (_m, k: string) => stamp[k as 'id' | 'branch' | 'till' | 'staff'])
      .replaceAll('"2000-01-01"', `"${stamp.day}"`),
  ) as OrderDoc;
  shiftTimes(doc, stamp.openedAt - TEMPLATE_AT);
  return { ...doc, ticketNumber: stamp.ticket };
}

/** Minutes east of UTC of `timeZone` at noon UTC of `day`. */
function offsetMinutes(timeZone: string, day: string): number {
  const at = Date.parse(`${day}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(at);
  const h = Number(parts.find((p) => p.type === 'hour')?.value);
  const m = Number(parts.find((p) => p.type === 'minute')?.value);
  return h * 60 + m - 12 * 60;
}

/** A local minute of the day when cafés and restaurants sell: breakfast, lunch peak, dinner peak. */
function localMinute(r: () => number): number {
  const x = r();
  const [start, span] =
    x < 0.15
      ? [7 * 60, 180]
      : x < 0.6
        ? [11 * 60 + 45, 150]
        : x < 0.7
          ? [15 * 60, 180]
          : [19 * 60, 210];
  return start + Math.floor(r() * span);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Seeds a year of order history (deterministic by `seed`) through the write path pushes use
 * (`applyWrites`, so the rollups are maintained as in production), a batch per transaction.
 * A few thousand order templates are played through the core and stamped with ids, branches,
 * tills, staff, days and times: every document is one the core produced, at a fraction of the cost.
 */
export async function seedHistory(
  db: Database,
  options: HistorySeedOptions,
): Promise<{ orders: number; firstDay: string; lastDay: string }> {
  const total = options.orders ?? 300_000;
  const days = options.days ?? 365;
  const firstDay = options.firstDay ?? '2025-12-01';
  const branches = options.branches ?? HISTORY_BRANCHES;
  const batch = options.batch ?? 2000;
  const r = prng(options.seed ?? 1);
  await ensureOrg(db.pool, { id: options.orgId, name: 'History' });
  for (const b of branches)
    await upsertBranch(db.pool, options.orgId, { id: b.id, name: b.id, timeZone: b.timeZone });
  const menu = historyMenu();
  const templates = Array.from({ length: Math.min(3000, total) }, (_, i) =>
    JSON.stringify(playOrder(randomSpec(r, i), menu)),
  );
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

  let written = 0;
  let pending: OrderDoc[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending.map((d) => writeRow('orders', null, { ...d, _deleted: false }));
    await withTransaction(db.pool, (tx) =>
      applyWrites(tx, { orgId: options.orgId, branchId: null }, 'orders', rows, () => {}),
    );
    written += pending.length;
    pending = [];
    options.onProgress?.(written);
  };
  let seq = 0;
  for (let d = 0; d < days; d++) {
    const day = addDays(firstDay, d);
    const midnight = Date.parse(`${day}T00:00:00Z`);
    for (const [bi, b] of branches.entries()) {
      // Orders left for the remaining (day, branch) slots, so the total is exact; weekends sell more.
      const slotsLeft = (days - d) * branches.length - bi;
      const weekend = [0, 6].includes(new Date(midnight).getUTCDay());
      const share = (total - seq) / slotsLeft;
      const count =
        d === days - 1 && bi === branches.length - 1
          ? total - seq
          : Math.round(share * (weekend ? 1.2 : 0.92));
      const offset = offsetMinutes(b.timeZone, day);
      const tickets = new Map<string, number>();
      for (let k = 0; k < count && seq < total; k++) {
        const till = pick(b.tills);
        const ticket = (tickets.get(till) ?? 0) + 1;
        tickets.set(till, ticket);
        pending.push(
          stampOrder(pick(templates), {
            id: `h-${(seq++).toString(36).padStart(6, '0')}`,
            branch: b.id,
            till,
            staff: pick(b.staff),
            day,
            ticket,
            openedAt: midnight + (localMinute(r) - offset) * 60_000,
          }),
        );
        if (pending.length >= batch) await flush();
      }
    }
  }
  await flush();
  return { orders: written, firstDay, lastDay: addDays(firstDay, days - 1) };
}
