import { addLine, createOrder, resolveBranchMenu, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import type { SyncCollectionName } from '@comanda/core/sync';
import {
  advanceTxidTo,
  nextPowerOfTen,
  nextTxid,
  startTestServer,
  writeAsOwner,
  type TestServer,
} from '@comanda/sync-server/testing';
import { EventSource } from 'eventsource';
import { ChaosTill } from './chaos-till.js';
import { Rng } from './rng.js';
import { ChaosFailure, canonical, runSchedules, sleep, type ScheduleFailure } from './schedules.js';

/** Collections every till pulls: its copy must end equal to what the server shows its branch. */
const PULLED: SyncCollectionName[] = ['menu', 'staff', 'orders'];
const AT = 1_767_261_600_000;

export interface ChaosOptions {
  seed: number;
  schedules: number;
  /** Transaction ids are pushed up to just below each power of ten up to this one. */
  maxTxidPower?: bigint;
  /** Full comparison of every order every this many schedules (touched ones are checked always). */
  fullCheckEvery?: number;
  log?: (line: string) => void;
}

export interface ChaosResult {
  seed: number;
  schedulesRun: number;
  failures: ScheduleFailure[];
  restarts: number;
  txidCrossings: string[];
}

/**
 * The randomized replication test: three tills (two in one branch, one in another) replicate
 * with the till's real RxDB code against one real sync server (PGlite). Each schedule, drawn from
 * a seeded PRNG, sells and edits orders on random tills, takes tills offline and back, loses push
 * replies, has the owner change the menu and staff, restarts tills with new pull page sizes or
 * replaces them by fresh ones (catch-up from nothing), restarts the server and moves transaction
 * ids to just below a power of ten. After each schedule, with every till back online, every
 * till's pulled collections must equal what the server holds for its branch, and the server must
 * hold every order exactly as its till last wrote it: nothing lost, nothing duplicated.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const log = options.log ?? (() => undefined);
  const maxPower = options.maxTxidPower ?? 100_000n;
  const fullEvery = options.fullCheckEvery ?? 20;
  // The till's stream uses the browser's EventSource; Node 20 has none.
  (globalThis as { EventSource?: unknown }).EventSource ??= EventSource;
  const result: ChaosResult = {
    seed: options.seed,
    schedulesRun: 0,
    failures: [],
    restarts: 0,
    txidCrossings: [],
  };
  const server = await startTestServer({ authRateLimit: 100_000 });
  const [paris = '', lyon = ''] = server.demo.branchIds;
  const seed = buildDemoSeed(AT);
  const menus = new Map(
    [paris, lyon].map((b) => {
      const menu = resolveBranchMenu(seed.menu, seed.overrides, b);
      const items = Object.values(menu.items).filter(
        (i) => i.available && i.modifierGroupIds.length === 0,
      );
      return [b, { menu, items }] as const;
    }),
  );
  const expected = new Map<string, OrderDoc>();
  /** Down documents the owner wrote in the current schedule, by collection. */
  const touchedDown = new Map<SyncCollectionName, Set<string>>();
  let tillCount = 0;
  let n = 0;
  const tills: ChaosTill[] = [];
  const newTill = async (branchId: string, rng: Rng) => {
    const till = await ChaosTill.open(server, `chaos-${++tillCount}`, branchId);
    await till.start(rng.int(1, 12));
    return till;
  };
  try {
    const setup = new Rng(options.seed);
    await advanceTxidTo(server.server.services.db.pool, 10_000n - BigInt(setup.int(1, 300)));
    for (const branch of [paris, paris, lyon]) tills.push(await newTill(branch, setup));

    const ran = await runSchedules(
      { seed: options.seed, schedules: options.schedules, log },
      async (rng, s, last) => {
        const touched = new Set<string>();
        touchedDown.clear();
        await runSchedule(rng, touched);
        await settle();
        await verify(touched, s % fullEvery === fullEvery - 1 || last);
      },
      async () => `${expected.size} orders, txid ${await nextTxid(server.server.services.db.pool)}`,
    );
    result.schedulesRun = ran.schedulesRun;
    result.failures = ran.failures;
  } finally {
    await Promise.all(tills.map((t) => t.close().catch(() => undefined)));
    await server.close();
  }
  return result;

  async function runSchedule(rng: Rng, touched: Set<string>): Promise<void> {
    // Rare, heavier events first.
    if (rng.chance(0.04) && allOnline()) {
      const index = rng.int(0, tills.length - 1);
      const old = tills[index]!;
      await old.close();
      tills[index] = await newTill(old.branchId, rng);
    }
    if (rng.chance(0.1)) await rng.pick(tills).start(rng.int(1, 12));
    if (rng.chance(0.15)) await boundaryEpisode(rng);
    const restartAt = rng.chance(0.02) ? rng.int(0, 5) : -1;
    const steps = rng.int(1, 4);
    for (let step = 0; step < steps; step++) {
      if (step === restartAt) {
        await server.restart();
        result.restarts++;
      }
      const roll = rng.next();
      const till = rng.pick(tills);
      if (roll < 0.45) await sell(till, rng, touched);
      else if (roll < 0.6) till.link.setOnline(!till.link.online);
      else if (roll < 0.65) till.link.loseNextReply = true;
      else if (roll < 0.8) await ownerWrite(rng);
      else await sleep(rng.int(0, 25));
    }
  }

  /**
   * Moves transaction ids to just below the next power of ten (while it is cheap to reach) and,
   * with one till offline, has the owner write across it: that till's catch-up pages then
   * straddle 999…→1000… (the boundary where a text-sorted checkpoint skipped documents).
   */
  async function boundaryEpisode(rng: Rng): Promise<void> {
    const pool = server.server.services.db.pool;
    const power = nextPowerOfTen(await nextTxid(pool));
    if (power > maxPower) return;
    rng.pick(tills).link.setOnline(false);
    await advanceTxidTo(pool, power - BigInt(rng.int(1, 3)));
    for (let i = rng.int(3, 8); i > 0; i--) await ownerWrite(rng);
    result.txidCrossings.push(String(power));
  }

  function allOnline(): boolean {
    return tills.every((t) => t.link.online);
  }

  async function sell(till: ChaosTill, rng: Rng, touched: Set<string>): Promise<void> {
    const { menu, items } = menus.get(till.branchId)!;
    const ctx = () => ({
      at: AT + ++n,
      by: 'staff-lea-bernard',
      newId: () => `chaos-${String(++n).padStart(9, '0')}`,
    });
    // Any order of the branch as this till sees it (its own and those pulled from the other till
    // of the branch): two tills edit shared orders, each from its own, possibly stale, copy.
    const local = await till.documents('orders');
    const mine = [...local.values()]
      .map((o) => o as unknown as OrderDoc)
      .filter((o) => o.id.startsWith('chaos-') && o.status === 'open' && o.lines.length < 6)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    let order: OrderDoc;
    if (mine.length > 0 && rng.chance(0.5)) {
      order = addLine(
        rng.pick(mine.slice(-10)),
        { item: rng.pick(items), modifierGroups: menu.modifierGroups, quantity: rng.int(1, 3) },
        ctx(),
      );
    } else {
      order = createOrder(
        {
          branchId: till.branchId,
          tillId: till.name,
          businessDay: '2026-01-01',
          ticketNumber: rng.int(1, 999),
          type: 'takeaway',
          currency: 'EUR',
        },
        ctx(),
      );
      order = addLine(order, { item: rng.pick(items), modifierGroups: menu.modifierGroups }, ctx());
    }
    await till.db.orders.upsert(order);
    expected.set(order.id, order);
    touched.add(order.id);
  }

  async function ownerWrite(rng: Rng): Promise<void> {
    const write = async (collection: 'menu' | 'staff', doc: Record<string, unknown>) => {
      await writeAsOwner(server.server, server.demo.orgId, collection, [doc]);
      const ids = touchedDown.get(collection) ?? new Set<string>();
      ids.add(String(doc.id));
      touchedDown.set(collection, ids);
    };
    const { rows } = await server.server.services.db.pool.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM documents WHERE org_id = $1 AND collection = $2 AND NOT deleted ORDER BY id`,
      [server.demo.orgId, rng.chance(0.8) ? 'menu' : 'staff'],
    );
    const picked = rows.length > 0 ? rng.pick(rows).data : null;
    if (!picked) return;
    const at = AT + ++n;
    if (picked.kind === 'item') {
      const clone = rng.chance(0.3);
      const doc = {
        ...picked,
        id: clone ? `chaos-item-${n}` : picked.id,
        name: `${String(picked.name).slice(0, 40)} ${n}`,
        updatedAt: at,
        _deleted: false,
      };
      await write('menu', doc);
    } else if (Array.isArray(picked.branchIds)) {
      // Staff move between branches: visibility only widens, so a till keeps the update.
      const branchIds = rng.pick([[paris], [lyon], [paris, lyon]]);
      await write('staff', { ...picked, branchIds, updatedAt: at, _deleted: false });
    } else {
      await write('menu', {
        ...picked,
        name: `${String(picked.name).slice(0, 40)} ${n}`,
        updatedAt: at,
        _deleted: false,
      });
    }
  }

  async function settle(): Promise<void> {
    for (const till of tills) {
      till.link.setOnline(true);
      till.link.loseNextReply = false;
    }
    // No reSync(): back online, each stream reconnects and its 'RESYNC' makes the till pull, and
    // failed pushes are retried; a change the stream failed to deliver must show up as a failure.
    const synced = await Promise.all(tills.map((t) => t.replication!.awaitInSync(30_000)));
    if (synced.includes(false)) throw new ChaosFailure('a till did not get in sync within 30 s');
  }

  async function verify(touched: Set<string>, full: boolean): Promise<void> {
    const pool = server.server.services.db.pool;
    const orgId = server.demo.orgId;
    // Orders: the server holds each exactly as its till last wrote it, once.
    const ids = full ? [...expected.keys()] : [...touched];
    const { rows } = await pool.query<{ id: string; data: Record<string, unknown> }>(
      `SELECT id, data FROM documents WHERE org_id = $1 AND collection = 'orders' AND id = ANY ($2::text[])`,
      [orgId, ids],
    );
    const stored = new Map(rows.map((r) => [r.id, r.data]));
    for (const id of ids) {
      const want = expected.get(id);
      const got = stored.get(id);
      if (!got) throw new ChaosFailure(`order ${id} never reached the server`);
      if (canonical(got) !== canonical(want))
        throw new ChaosFailure(`order ${id} differs on the server from what its till wrote`);
    }
    const { rows: counts } = await pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM documents WHERE org_id = $1 AND collection = 'orders' AND id LIKE 'chaos-%'`,
      [orgId],
    );
    if (Number(counts[0]?.n) !== expected.size)
      throw new ChaosFailure(
        `server holds ${counts[0]?.n} chaos orders, tills wrote ${expected.size}`,
      );
    // Pulled collections: each till holds exactly what the server shows its branch. The stream
    // may still be delivering the last owner write: wait for it, briefly.
    for (const till of tills) {
      for (const collection of PULLED) {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const only = collection === 'orders' ? touched : touchedDown.get(collection);
          const diff = await compareDown(till, collection, full ? null : only);
          if (!diff) break;
          if (Date.now() > deadline)
            throw new ChaosFailure(`${till.name} (${collection}): ${diff}`);
          await sleep(20);
        }
      }
    }
  }

  /**
   * What differs between a till's copy of a down collection and what the server shows its
   * branch: the counts, and the documents `only` names (every document when null).
   */
  async function compareDown(
    till: ChaosTill,
    collection: SyncCollectionName,
    only: Set<string> | null | undefined,
  ): Promise<string | null> {
    const ids = only === null ? null : [...(only ?? [])];
    const { rows } = await server.server.services.db.pool.query<{
      id: string;
      data: Record<string, unknown> | null;
      n: string;
    }>(
      `SELECT id, CASE WHEN $4::text[] IS NULL OR id = ANY ($4) THEN data END AS data,
              count(*) OVER ()::text AS n
       FROM documents WHERE org_id = $1 AND collection = $2 AND NOT deleted
         AND (visible_to IS NULL OR $3 = ANY (visible_to))`,
      [server.demo.orgId, collection, till.branchId, ids],
    );
    const count = await till.db[collection].count().exec();
    if (count !== rows.length) return `holds ${count} documents, the server shows ${rows.length}`;
    const wanted = rows.filter((r) => r.data !== null);
    if (wanted.length === 0) return null;
    const local = await till.documents(collection, ids ?? undefined);
    for (const row of wanted) {
      const mine = local.get(row.id);
      if (!mine) return `missing ${row.id}`;
      if (canonical(mine) !== canonical(row.data)) return `stale ${row.id}`;
    }
    return null;
  }
}

export type { TestServer };
