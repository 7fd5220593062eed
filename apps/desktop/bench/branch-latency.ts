// `pnpm bench` (apps/desktop): a change made on till A, how soon it is visible on till B — through
// the branch hub, and the same through the central server, side by side with the PouchDB reference.
//
// What runs: 4 tills, each with its own IndexedDB (fake-indexeddb in Node, not Chromium's) and the
// till's real replication (`startTillReplication`: RxDB, the tRPC sync client, the one live stream
// `sync.changes`, pulls from checkpoints). Each till adds a line to its own open order once a
// second (core's `addLine`, written with `db.orders.upsert` as the chaos till does); every other
// till records when that version lands in its RxDB collection. Latency = seen on B − written on A,
// one clock (the four tills share this process). The central server and the hub are the real
// sync-server on PGlite over HTTP on loopback, each in a process of its own (`branch-servers.ts`).
// The processes share the machine's other load: the figure is an upper bound of the protocol's own
// delay. Versions a till overtakes before another till pulls (a newer line already written) are
// not samples: the later one is.
//
// A same-run baseline isolates the protocol: two bare sync clients, one change at a time.
// BENCH_BRANCH_SECONDS (default 20) per path, BENCH_BRANCH_TILLS (default 4), BENCH_DEBUG=1 logs
// replication errors.
import { addLine, createOrder, resolveBranchMenu, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import type { DeviceCredential } from '@comanda/sync-server/testing';
import { EventSource } from 'eventsource';
import { DeviceTokenSource } from '../src/renderer/sync/device-auth.js';
import { createPublicSyncClient, createSyncClient } from '../src/renderer/sync/sync-client.js';
import { closeBenchDevice, openBenchDevice, type BenchDevice } from './bench-device.js';
import { startCentral, startHub } from './bench-servers.js';
import { HopTrace, hopLines, quantile, type Hops } from './hop-trace.js';

// The till's stream uses the browser's EventSource; Node 20 has none.
(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

const SECONDS = Number(process.env.BENCH_BRANCH_SECONDS ?? 20);
const TILLS = Number(process.env.BENCH_BRANCH_TILLS ?? 4);
/** PouchDB live replication between two browsers on this machine, measured in an earlier session. */
const POUCHDB_P95_MS = 147;
const GOAL_P95_MS = 100;

interface Till extends BenchDevice {
  order: OrderDoc | null;
}

interface Result {
  samples: number[];
  missing: number;
  /** Where each sample's time went (absent from the raw baseline). */
  hops?: Hops[];
  /** What the run cost: requests of every till, and the versions written. */
  requests?: ReturnType<HopTrace['requests']> & { written: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the workload with every till replicating with `url` (the hub's or the central server's). */
async function measure(label: string, url: string, credentials: DeviceCredential[], branchId: string): Promise<Result> {
  const seed = buildDemoSeed(Date.now());
  const menu = resolveBranchMenu(seed.menu, seed.overrides, branchId);
  const items = Object.values(menu.items).filter((i) => i.modifierGroupIds.length === 0);
  let n = 0;
  const ctx = (): OrderContext => ({ at: Date.now(), by: 'staff-lea-bernard', newId: () => `bench-${label}-${String(++n).padStart(9, '0')}` });

  // written.get(orderId + ':' + lines) = when its till wrote that version; seen: who saw it when.
  const written = new Map<string, number>();
  const seen = new Map<string, Set<string>>();
  const samples: number[] = [];
  const hops: Hops[] = [];
  const trace = new HopTrace((doc) => (Array.isArray(doc.lines) ? `${String(doc.id)}:${doc.lines.length}` : null));
  let measuring = false;

  const tills: Till[] = [];
  for (const [i, credential] of credentials.entries()) {
    const name = `${label}-till-${i + 1}`;
    const { db, replication } = await openBenchDevice(name, url, credential, trace);
    db.orders.$.subscribe((event) => {
      const doc = event.documentData as unknown as OrderDoc;
      const key = `${doc.id}:${doc.lines.length}`;
      const at = written.get(key);
      if (at === undefined || doc.tillId === name) return;
      const by = seen.get(key) ?? new Set<string>();
      if (by.has(name)) return;
      by.add(name);
      seen.set(key, by);
      if (!measuring) return;
      const now = performance.now();
      samples.push(now - at);
      const sample = trace.hops(key, at, name, now);
      if (sample) hops.push(sample);
    });
    tills.push({ name, db, replication, order: null });
  }
  for (const till of tills) if (!(await till.replication.awaitInSync(60_000))) throw new Error(`${till.name} never synced`);

  const addLineOn = async (till: Till, k: number) => {
    till.order =
      till.order ??
      createOrder({ branchId, tillId: till.name, businessDay: '2026-01-01', ticketNumber: k + 1, type: 'takeaway', currency: 'EUR' }, ctx());
    till.order = addLine(till.order, { item: items[till.order.lines.length % items.length]!, modifierGroups: menu.modifierGroups }, ctx());
    written.set(`${till.order.id}:${till.order.lines.length}`, performance.now());
    await till.db.orders.upsert(till.order);
  };

  // Each till adds a line once a second, the tills spread over the second.
  const stopAt = performance.now() + (SECONDS + 3) * 1000;
  const startMeasuringAt = performance.now() + 3000; // warm-up: connections, first pulls
  const loops = tills.map(async (till, k) => {
    await sleep((1000 / tills.length) * k);
    while (performance.now() < stopAt) {
      measuring = performance.now() >= startMeasuringAt;
      const next = performance.now() + 1000;
      await addLineOn(till, k);
      await sleep(Math.max(0, next - performance.now()));
    }
  });
  await Promise.all(loops);
  // Let the last versions arrive: every till must end with every other till's last version (a
  // version overtaken by a newer one before a till pulled is no sample, and not lost either).
  const finals = () => tills.flatMap((w) => (w.order ? [`${w.order.id}:${w.order.lines.length}`] : []).flatMap((key) => tills.filter((t) => t !== w).map((t) => ({ key, on: t.name }))));
  const unseenFinals = () => finals().filter(({ key, on }) => !seen.get(key)?.has(on)).length;
  const settleBy = performance.now() + 10_000;
  while (unseenFinals() > 0 && performance.now() < settleBy) await sleep(50);
  measuring = false;
  const missing = unseenFinals();
  for (const till of tills) await closeBenchDevice(till);
  return { samples, missing, hops, requests: { ...trace.requests(), written: written.size } };
}

/**
 * The same-run baseline: no RxDB, no IndexedDB. Till A's sync client pushes a new version of an
 * order; till B's client, on its `sync.changes` stream, pulls from its checkpoint until it has
 * it. One change at a time: the protocol's own round trips (push, notice, pull) on this machine now.
 */
async function rawRoundTrips(url: string, [a, b]: DeviceCredential[], branchId: string, count: number): Promise<Result> {
  const client = (credential: DeviceCredential) => {
    const tokens = new DeviceTokenSource(createPublicSyncClient(url), credential);
    return createSyncClient(url, () => tokens.get());
  };
  const tillA = client(a!);
  const tillB = client(b!);
  const seed = buildDemoSeed(Date.now());
  const menu = resolveBranchMenu(seed.menu, seed.overrides, branchId);
  const item = Object.values(menu.items).find((i) => i.modifierGroupIds.length === 0)!;
  let n = 0;
  const ctx = (): OrderContext => ({ at: Date.now(), by: 'staff-lea-bernard', newId: () => `bench-raw-${String(++n).padStart(9, '0')}` });
  let checkpoint: Awaited<ReturnType<typeof tillB.pull>>['checkpoint'] = null;
  let wanted: { id: string; lines: number } | null = null;
  let found: (() => void) | null = null;
  let pulling = Promise.resolve();
  const pull = () => {
    pulling = pulling.then(async () => {
      for (;;) {
        const page = await tillB.pull('orders', checkpoint, 500);
        checkpoint = page.checkpoint ?? checkpoint;
        const docs = page.documents as unknown as OrderDoc[];
        if (wanted && docs.some((d) => d.id === wanted!.id && d.lines.length === wanted!.lines)) found?.();
        if (page.documents.length < 500) return;
      }
    });
  };
  const stream = tillB.changes({ onStarted: () => undefined, onData: pull, onError: () => undefined });
  pull();
  await pulling;
  await sleep(500);
  const samples: number[] = [];
  let order = createOrder({ branchId, tillId: 'raw', businessDay: '2026-01-01', ticketNumber: 1, type: 'takeaway', currency: 'EUR' }, ctx());
  let master: OrderDoc | null = null;
  for (let i = 0; i < count; i++) {
    order = addLine(order, { item, modifierGroups: menu.modifierGroups }, ctx());
    wanted = { id: order.id, lines: order.lines.length };
    const seen = new Promise<void>((resolve) => (found = resolve));
    const started = performance.now();
    await tillA.push('orders', [{ assumedMasterState: master as never, newDocumentState: { ...order, _deleted: false } }]);
    await seen;
    samples.push(performance.now() - started);
    master = { ...order, _deleted: false } as OrderDoc;
    await sleep(250);
  }
  stream.unsubscribe();
  return { samples, missing: 0 };
}

function line(label: string, r: Result): string {
  const sorted = [...r.samples].sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;
  const summary = `  ${label.padEnd(26)} p50 ${f(quantile(sorted, 0.5))}  p95 ${f(quantile(sorted, 0.95))}  p99 ${f(quantile(sorted, 0.99))}  max ${f(sorted.at(-1) ?? NaN)}  (${sorted.length} samples${r.missing ? `, ${r.missing} last versions never seen` : ''})`;
  if (!r.hops) return summary;
  const q = r.requests;
  const cost = q ? [`      requests: ${q.pushes} pushes, ${q.pulls} pulls, ${q.notices} notices heard, for ${q.written} versions written`] : [];
  return [summary, '    where the time goes (each hop over the samples that have it):', ...hopLines(r.hops), ...cost].join('\n');
}

const central = await startCentral(TILLS);
try {
  const { centralUrl, branchId, credentials } = central.info;
  const hub = await startHub(central.info);
  const { hubUrl } = hub.info;
  const rawHub = await rawRoundTrips(hubUrl, credentials, branchId, 20);
  const viaHub = await measure('hub', hubUrl, credentials, branchId);
  // The hub would keep replicating in the background: stopped, so it takes no CPU from the next path.
  await hub.stop();
  const rawCentral = await rawRoundTrips(centralUrl, credentials, branchId, 20);
  const viaCentral = await measure('central', centralUrl, credentials, branchId);
  const p95 = (r: Result) => quantile([...r.samples].sort((a, b) => a - b), 0.95);
  console.log(`\n== till A → till B: ${TILLS} tills each adding a line per second, ${SECONDS} s per path, loopback (tills in one process, hub and central server in one each) ==`);
  console.log(line('through the branch hub', viaHub));
  console.log(line('through the central server', viaCentral));
  console.log('  same-run baseline, one change at a time, sync clients without RxDB/IndexedDB (push → notice → pull):');
  console.log(line('  raw, through the hub', rawHub));
  console.log(line('  raw, through the central', rawCentral));
  console.log(`  baseline: PouchDB live replication between two browsers, p95 ${POUCHDB_P95_MS} ms (measured in an earlier session on this machine)`);
  console.log(`  goal: p95 ≤ ${GOAL_P95_MS} ms through the hub — ${p95(viaHub) <= GOAL_P95_MS ? 'met' : 'not met'}; hub p95 / PouchDB p95 = ${(p95(viaHub) / POUCHDB_P95_MS).toFixed(2)}×`);
} finally {
  await central.stop();
}
