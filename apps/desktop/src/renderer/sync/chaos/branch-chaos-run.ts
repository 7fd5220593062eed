import {
  addLine,
  addPayment,
  aggregatePaymentMethods,
  closeOrder,
  createOrder,
  printRequestTargets,
  resolveBranchMenu,
  sendToKitchen,
  voidLine,
  type OrderContext,
  type OrderDoc,
} from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { createPairingCode, pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { EventSource } from 'eventsource';
import { orderRepository } from '../../data/order-repository.js';
import { AcceptedModel } from './branch-model.js';
import { BranchTill, type StartOutbox } from './branch-till.js';
import { Rng } from './rng.js';
import { ChaosFailure, canonical, runSchedules, sleep, type ScheduleFailure } from './schedules.js';
import { TcpLink } from './tcp-link.js';

const AT = 1_767_261_600_000;
const ID_PREFIX = 'bc-';

export interface BranchChaosOptions {
  seed: number;
  schedules: number;
  /** Compare every order on every replica every this many schedules (touched ones always). */
  fullCheckEvery?: number;
  /** Most steps (actions, cuts, crashes…) in one schedule (default 5). */
  maxSteps?: number;
  /** Each till's print outbox (`startOutboxJobs` from printing/testing). */
  startOutbox: StartOutbox;
  log?: (line: string) => void;
}

export interface BranchChaosResult {
  seed: number;
  schedulesRun: number;
  failures: ScheduleFailure[];
  /** How often each kind of event ran (the run's coverage, printed by `pnpm chaos:branch`). */
  events: Record<string, number>;
  /** CPU time (this process) per schedule, servers included: what the CI sample costs. */
  cpuMsPerSchedule: number;
  /** Wall time per schedule, of which converging (healing, waiting for every replica) and deliberate pauses. */
  wallMsPerSchedule: number;
  convergeMsPerSchedule: number;
  pausedMsPerSchedule: number;
}

/**
 * The branch chaos test: a central server and a branch hub (two real sync servers in-process on
 * PGlite, the hub in hub mode replicating upstream through a cuttable TCP link), and three tills
 * of one branch with their own IndexedDB, the till's real replication and print outbox: two
 * configured with the hub (failing over to the central server), one with the central server only.
 * Each schedule (seeded) sells on random tills (open a table, add or grow lines, void, send to the
 * kitchen, pay in part or in full, two tills paying one table at once, close), cuts and heals
 * till↔hub, till↔central and hub↔central, loses push replies, crashes tills (rebuilt from their
 * storage), restarts the hub and the central server. Then everything heals and must converge:
 * every till, the hub and the central server hold the same orders; each order holds exactly the
 * lines, voids, payments and print requests the tills accepted; every print job exists on exactly
 * one till; the payment totals (X report) agree everywhere.
 */
export async function runBranchChaos(options: BranchChaosOptions): Promise<BranchChaosResult> {
  const log = options.log ?? (() => undefined);
  const fullEvery = options.fullCheckEvery ?? 25;
  (globalThis as { EventSource?: unknown }).EventSource ??= EventSource;
  const result: BranchChaosResult = {
    seed: options.seed,
    schedulesRun: 0,
    failures: [],
    events: {},
    cpuMsPerSchedule: 0,
    wallMsPerSchedule: 0,
    convergeMsPerSchedule: 0,
    pausedMsPerSchedule: 0,
  };
  let convergeMs = 0;
  let pausedMs = 0;
  /** A deliberate pause (replication runs on meanwhile), counted apart from the work. */
  const pause = (ms: number): Promise<void> => {
    pausedMs += ms;
    return sleep(ms);
  };
  const count = (event: string) => (result.events[event] = (result.events[event] ?? 0) + 1);

  const central = await startTestServer({ authRateLimit: 100_000 });
  const orgId = central.demo.orgId;
  const branchId = central.demo.branchIds[0]!;
  const cashier = central.demo.staff.find((s) => s.role === 'cashier' && s.branchIds.includes(branchId))!.id;
  const manager = central.demo.staff.find((s) => s.role === 'manager' && s.branchIds.includes(branchId))!.id;
  const seed = buildDemoSeed(AT);
  const menu = resolveBranchMenu(seed.menu, seed.overrides, branchId);
  const items = Object.values(menu.items).filter((i) => i.available && i.modifierGroupIds.length === 0 && i.tax !== null);
  const model = new AcceptedModel();
  const tills: BranchTill[] = [];
  let upstream: TcpLink | null = null;
  let hub: TestServer | null = null;
  let n = 0;
  try {
    upstream = await TcpLink.open(central.port);
    const { code } = await createPairingCode(central.server, orgId, branchId);
    const setup = new Rng(options.seed);
    // Paired before the hub starts: its first round mirrors them, so it accepts their tokens.
    const credentials = [];
    for (let i = 1; i <= 3; i++) credentials.push(await pairTill(central.server, orgId, branchId, `bt-${i}`));
    hub = await startTestServer({
      demo: false,
      authRateLimit: 100_000,
      hub: { upstream: upstream.url, pairingCode: code, deviceName: 'Chaos hub', intervalMs: 60_000 },
    });
    await hub.server.services.branchHub!.syncNow();
    // Tills 1 and 2 use the hub (failing over to the central server); till 3 has no hub.
    credentials.forEach((credential, i) => {
      const urls = { hubUrl: i < 2 ? hub!.url : null, serverUrl: central.url };
      tills.push(new BranchTill(`bt-${i + 1}`, urls, credential, setup.int(1, 20), options.startOutbox));
    });
    for (const till of tills) await till.openFresh();

    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const ran = await runSchedules(
      { seed: options.seed, schedules: options.schedules, log },
      async (rng, s, last) => {
        const touched = new Set<string>();
        await runSchedule(rng, touched);
        const converging = performance.now();
        try {
          await converge(touched, s % fullEvery === fullEvery - 1 || last);
        } finally {
          convergeMs += performance.now() - converging;
        }
      },
      () => `${model.orders.size} orders`,
    );
    result.schedulesRun = ran.schedulesRun;
    result.failures = ran.failures;
    const cpu = process.cpuUsage(cpu0);
    const per = (ms: number) => Math.round(ms / Math.max(1, result.schedulesRun));
    result.cpuMsPerSchedule = per((cpu.user + cpu.system) / 1000);
    result.wallMsPerSchedule = per(performance.now() - wall0);
    result.convergeMsPerSchedule = per(convergeMs);
    result.pausedMsPerSchedule = per(pausedMs);
  } finally {
    await Promise.all(tills.map((t) => t.close().catch(() => undefined)));
    await hub?.close();
    await upstream?.close();
    await central.close();
  }
  return result;

  async function runSchedule(rng: Rng, touched: Set<string>): Promise<void> {
    const steps = rng.int(1, options.maxSteps ?? 5);
    for (let step = 0; step < steps; step++) {
      const roll = rng.next();
      const till = rng.pick(tills);
      if (roll < 0.4) await act(till, rng, touched);
      else if (roll < 0.47) await together(rng, touched);
      else if (roll < 0.55) flip(till, 'hub');
      else if (roll < 0.63) flip(till, 'central');
      else if (roll < 0.69) {
        count('cut hub↔central');
        upstream!.setOnline(!upstream!.online);
      } else if (roll < 0.73) {
        count('lost reply');
        const link = till.target === till.urls.hubUrl ? till.hubLink : till.centralLink;
        if (link) link.loseNextReply = true;
      } else if (roll < 0.77) {
        count('till crash');
        await till.crash();
      } else if (roll < 0.775) {
        count('hub restart');
        await hub!.restart();
      } else if (roll < 0.778) {
        count('central restart');
        await central.restart();
      } else await pause(rng.int(0, 30));
    }
  }

  function flip(till: BranchTill, which: 'hub' | 'central'): void {
    const link = which === 'hub' ? till.hubLink : till.centralLink;
    if (!link) return;
    count(`cut till↔${which}`);
    till.setLink(which, !link.online);
  }

  function ctx(till: BranchTill): OrderContext {
    return { at: AT + ++n, by: cashier, tillId: till.name, newId: () => `${ID_PREFIX}${String(++n).padStart(9, '0')}` };
  }

  /** One cashier action on a till's own copy, saved as the till saves (optimistic on updatedAt). */
  async function act(till: BranchTill, rng: Rng, touched: Set<string>): Promise<void> {
    const local = [...(await till.orders(undefined, ['open', 'sent', 'paid'])).values()]
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    const base = local.length > 0 && rng.chance(0.8) ? rng.pick(local.slice(-8)) : null;
    const roll = rng.next();
    const action = (order: OrderDoc): [string, OrderDoc] => {
      const c = ctx(till);
      if (order.status === 'paid') return ['close', closeOrder(order, c)];
      const due = order.totals.due;
      if (roll < 0.35 || order.lines.length === 0) {
        // Often an item already on the order: its unsent line grows in place.
        const onOrder = order.lines.map((l) => menu.items[l.itemId]).filter((i) => i !== undefined);
        const item = onOrder.length > 0 && rng.chance(0.5) ? rng.pick(onOrder) : rng.pick(items);
        return ['add line', addLine(order, { item, modifierGroups: menu.modifierGroups, quantity: rng.int(1, 2) }, c)];
      }
      if (roll < 0.5) {
        const line = rng.pick(order.lines);
        return ['void', voidLine(order, { lineId: line.id, quantity: 1, reason: 'chaos', approvedBy: manager }, c)];
      }
      if (roll < 0.7) return ['send', sendToKitchen(order, c)];
      if (roll < 0.85 && due > 1) return ['pay part', addPayment(order, { method: 'card', amount: Math.ceil(due / 2), reference: c.newId() }, c, { tillId: till.name })];
      return ['pay', addPayment(order, { method: 'card', reference: c.newId() }, c, { tillId: till.name })];
    };
    let next: OrderDoc;
    let label: string;
    try {
      if (base) [label, next] = action(base);
      else {
        label = 'open table';
        const created = createOrder(
          { branchId, tillId: till.name, businessDay: '2026-01-01', ticketNumber: rng.int(1, 999), type: 'dineIn', table: String(rng.int(1, 40)), currency: 'EUR' },
          ctx(till),
        );
        next = addLine(created, { item: rng.pick(items), modifierGroups: menu.modifierGroups }, ctx(till));
      }
    } catch {
      return; // the core refused it (nothing to send, overpayment…): the screen showed an error
    }
    // The cashier's pause between reading the order and saving the change: replication runs on.
    if (rng.chance(0.3)) await pause(rng.int(0, 10));
    await save(till, base, next, label, touched);
  }

  async function save(till: BranchTill, base: OrderDoc | null, next: OrderDoc, label: string, touched: Set<string>): Promise<boolean> {
    try {
      await orderRepository(till.db.orders).save(next);
    } catch {
      count('save refused (changed meanwhile)');
      return false;
    }
    count(label);
    model.accept(base, next);
    touched.add(next.id);
    return true;
  }

  /**
   * Two tills act on one table at the same moment, each from its own copy: both pay what is due
   * (in full or half), or both add the same item (each grows the line it shows).
   */
  async function together(rng: Rng, touched: Set<string>): Promise<void> {
    const [a, b] = [rng.pick(tills), rng.pick(tills)];
    if (a === b) return;
    const onA = [...(await a.orders(undefined, ['open', 'sent'])).values()].filter((o) => o.totals.due > 1);
    const bOrders = await b.orders(onA.map((o) => o.id));
    const shared = onA.filter((o) => bOrders.get(o.id)?.totals.due === o.totals.due);
    if (shared.length === 0) return;
    const order = rng.pick(shared);
    const pay = rng.chance(0.5);
    const item = menu.items[rng.pick(order.lines).itemId] ?? rng.pick(items);
    count(pay ? 'two tills pay one table' : 'two tills add one item');
    await Promise.all(
      [a, b].map(async (till, i) => {
        const base = i === 0 ? order : bOrders.get(order.id)!;
        const c = ctx(till);
        const half = rng.chance(0.5) ? { amount: Math.ceil(base.totals.due / 2) } : {};
        const next = pay
          ? addPayment(base, { method: 'card', reference: c.newId(), ...half }, c, { tillId: till.name })
          : addLine(base, { item, modifierGroups: menu.modifierGroups }, c);
        await save(till, base, next, pay ? 'pay together' : 'add together', touched);
      }),
    );
  }

  /** Heals every link and waits until every replica holds the same orders, then checks them. */
  async function converge(touched: Set<string>, full: boolean): Promise<void> {
    upstream!.setOnline(true);
    for (const till of tills) {
      for (const link of [till.hubLink, till.centralLink]) if (link) link.loseNextReply = false;
      till.setLink('hub', true);
      till.setLink('central', true);
    }
    const ids = full ? [...model.orders.keys()] : [...touched];
    const deadline = Date.now() + 60_000;
    for (let round = 0; ; round++) {
      const synced = await Promise.all(tills.map((t) => t.awaitInSync(30_000)));
      const diff = synced.includes(false) ? 'a till did not get in sync within 30 s' : await compareReplicas(ids, full);
      if (diff === null) break;
      if (Date.now() > deadline) {
        const errors = tills.map((t) => `${t.name} on ${t.target === t.urls.hubUrl ? 'hub' : 'central'}: ${t.lastError ?? 'no error'}`);
        throw new ChaosFailure(`no convergence within 60 s: ${diff} (last errors: ${errors.join('; ')})`);
      }
      // The hub pulls from the central server when a till pushes to it; what tills pushed to the
      // central server directly it pulls on its next round: run one now rather than wait for it.
      if (round % 2 === 0) await hub!.server.services.branchHub!.syncNow();
      else await pause(20);
    }
    const orders = await serverOrders(central, ids);
    for (const id of ids) {
      const problem = model.check(orders.get(id)!);
      if (problem) throw new ChaosFailure(problem);
    }
    await checkPrintJobs(full ? null : ids);
    if (full) {
      const reports = await Promise.all([central, hub!].map(async (s) => canonical(aggregatePaymentMethods([...(await serverOrders(s, null)).values()]))));
      for (const till of tills) reports.push(canonical(aggregatePaymentMethods([...(await till.orders()).values()].filter((o) => o.id.startsWith(ID_PREFIX)))));
      if (new Set(reports).size !== 1) throw new ChaosFailure(`payment totals differ between replicas: ${reports.join(' / ')}`);
    }
  }

  /** What differs between the central server, the hub and the tills for these orders (null: nothing). */
  async function compareReplicas(ids: string[], full: boolean): Promise<string | null> {
    const reference = await serverOrders(central, full ? null : ids);
    const replicas: [string, Map<string, OrderDoc>][] = [['hub', await serverOrders(hub!, full ? null : ids)]];
    for (const till of tills) {
      const all = await till.orders(full ? undefined : ids);
      replicas.push([till.name, new Map([...all].filter(([id]) => id.startsWith(ID_PREFIX)))]);
    }
    for (const id of ids) if (!reference.has(id)) return `order ${id} never reached the central server`;
    for (const [name, orders] of replicas) {
      if (orders.size !== reference.size) return `${name} holds ${orders.size} orders, the central server ${reference.size}`;
      for (const [id, order] of reference) {
        const other = orders.get(id);
        if (!other) return `${name} is missing order ${id}`;
        if (canonical(other) !== canonical(order)) return `${name} holds another version of order ${id}`;
      }
    }
    return null;
  }

  async function serverOrders(server: TestServer, ids: string[] | null): Promise<Map<string, OrderDoc>> {
    const { rows } = await server.server.services.db.pool.query<{ id: string; data: OrderDoc }>(
      `SELECT id, data FROM documents WHERE org_id = $1 AND collection = 'orders' AND NOT deleted
         AND id LIKE '${ID_PREFIX}%' AND ($2::text[] IS NULL OR id = ANY ($2))`,
      [orgId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.data]));
  }

  /** Every print request's jobs exist, each on exactly one till (a second one is a ticket printed twice). */
  async function checkPrintJobs(ids: string[] | null): Promise<void> {
    const holders = new Map<string, string[]>();
    for (const till of tills) {
      for (const job of await till.printJobIds()) holders.set(job, [...(holders.get(job) ?? []), till.name]);
    }
    const orders = await serverOrders(central, ids);
    for (const order of orders.values()) {
      for (const request of order.printRequests) {
        for (const target of printRequestTargets(request)) {
          const job = `${request.id}:${target}`;
          const on = holders.get(job) ?? [];
          if (on.length !== 1)
            throw new ChaosFailure(`print job ${job} (${request.kind}, order ${order.id}) is on ${on.length} tills${on.length ? ` (${on.join(', ')})` : ''}`);
        }
      }
    }
  }
}
