// `pnpm bench` (apps/desktop): fire → ticket on the kitchen screens, through the branch hub
// (issue 16: p95 ≤ 300 ms with 4 stations and 20 tickets a minute).
//
// What runs: the central server and a branch hub (each in its own process, `branch-servers.ts`),
// one till and four kitchen screens, one per station of the demo menu (kitchen, grill, bar,
// pastry), each paired as a kitchen device for its station, all replicating the branch's orders
// with the hub through the till's real replication (`startTillReplication`: RxDB on
// fake-indexeddb, the tRPC sync client, the live stream). Every 3 s (20 a minute) the till takes a
// takeaway order with one dish per station and sends it (core's `sendToKitchen`, written with
// `db.orders.upsert`). A screen's sample: from the till's write to the moment the order version
// holding its station's ticket of that send (core's `stationTickets`, what the screen's cards are
// made of) is in the screen's store. Not timed: React drawing the card (the kitchen UI bench,
// `kitchen.ts`, measures a re-render). One clock: the till and the screens share this process.
// BENCH_KITCHEN_SECONDS (default 45).
import { addLine, createOrder, resolveBranchMenu, sendToKitchen, type OrderContext, type OrderDoc, type ResolvedItem } from '@comanda/core';
import { stationTickets } from '@comanda/core/kitchen';
import { buildDemoSeed } from '@comanda/core/demo';
import { EventSource } from 'eventsource';
import type { DeviceCredentials } from '../src/renderer/sync/device-auth.js';
import { createPublicSyncClient } from '../src/renderer/sync/sync-client.js';
import { closeBenchDevice, openBenchDevice, type BenchDevice as Device } from './bench-device.js';
import { startCentral, startHub } from './bench-servers.js';
import { HopTrace, hopLines, quantile, type Hops } from './hop-trace.js';

(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

const SECONDS = Number(process.env.BENCH_KITCHEN_SECONDS ?? 45);
const TICKETS_PER_MINUTE = 20;
const STATIONS = ['kitchen', 'grill', 'bar', 'pastry'] as const;
const GOAL_P95_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const trace = new HopTrace((doc) => (Array.isArray(doc.printRequests) ? `${String(doc.id)}:${doc.printRequests.length}` : null));

async function openDevice(name: string, url: string, credential: DeviceCredentials): Promise<Device> {
  const device = await openBenchDevice(name, url, credential, trace);
  if (!(await device.replication.awaitInSync(60_000))) throw new Error(`${name} never synced`);
  return device;
}

const central = await startCentral(1, STATIONS.length);
const devices: Device[] = [];
try {
  const { centralUrl, branchId, credentials, kitchenCodes } = central.info;
  // Kitchen screens pair at the central server (their stations travel with the pairing); the hub,
  // started after, mirrors them with the branch's devices.
  const kitchens = await Promise.all(
    STATIONS.map((station, i) => createPublicSyncClient(centralUrl).pair(kitchenCodes[i]!, `Screen ${station}`, { stations: [station] })),
  );
  const hub = await startHub(central.info);
  try {
    const { hubUrl } = hub.info;
    const till = await openDevice('till', hubUrl, credentials[0]!);
    devices.push(till);
    const screens = new Map<string, Device>();
    for (const [i, station] of STATIONS.entries()) {
      const screen = await openDevice(`screen-${station}`, hubUrl, kitchens[i]!);
      screens.set(station, screen);
      devices.push(screen);
    }

    const seed = buildDemoSeed(Date.now());
    const menu = resolveBranchMenu(seed.menu, seed.overrides, branchId);
    // One dish per station, its required modifiers chosen (the first options).
    const dishes = STATIONS.map((station) => {
      const item = Object.values(menu.items).find((i): i is ResolvedItem => i.stationId === station);
      if (!item) throw new Error(`no item for station ${station}`);
      const selection = item.modifierGroupIds.flatMap((g) => {
        const group = menu.modifierGroups[g]!;
        return group.options.slice(0, group.min).map((o) => ({ groupId: g, optionId: o.id }));
      });
      return { item, selection };
    });
    let n = 0;
    const ctx = (): OrderContext => ({ at: Date.now(), by: 'staff-lea-bernard', newId: () => `bench-fire-${String(++n).padStart(9, '0')}` });

    // sent.get(requestId) = when the till wrote the send; a screen's sample once it holds its ticket.
    const sent = new Map<string, { at: number; key: string }>();
    const samples: number[] = [];
    const hops: Hops[] = [];
    const pending = new Set<string>();
    for (const [station, screen] of screens) {
      screen.db.orders.$.subscribe((event) => {
        const order = event.documentData as unknown as OrderDoc;
        for (const ticket of stationTickets(order)) {
          const send = sent.get(ticket.requestId);
          if (ticket.stationId !== station || !send || !pending.delete(`${ticket.requestId}:${station}`)) continue;
          const now = performance.now();
          samples.push(now - send.at);
          const sample = trace.hops(send.key, send.at, screen.name, now);
          if (sample) hops.push(sample);
        }
      });
    }

    const orders = Math.max(1, Math.round((SECONDS * TICKETS_PER_MINUTE) / 60));
    const every = 60_000 / TICKETS_PER_MINUTE;
    for (let k = 0; k < orders; k++) {
      const next = performance.now() + every;
      let order = createOrder({ branchId, tillId: 'till', businessDay: '2026-01-01', ticketNumber: k + 1, type: 'takeaway', currency: 'EUR' }, ctx());
      for (const dish of dishes) order = addLine(order, { item: dish.item, modifierGroups: menu.modifierGroups, selection: dish.selection }, ctx());
      order = sendToKitchen(order, ctx());
      const request = order.printRequests.at(-1)!;
      for (const station of STATIONS) pending.add(`${request.id}:${station}`);
      sent.set(request.id, { at: performance.now(), key: `${order.id}:${order.printRequests.length}` });
      await till.db.orders.upsert(order);
      await sleep(Math.max(0, next - performance.now()));
    }
    const settleBy = performance.now() + 10_000;
    while (pending.size > 0 && performance.now() < settleBy) await sleep(50);

    const sorted = [...samples].sort((a, b) => a - b);
    const f = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`;
    const p95 = quantile(sorted, 0.95);
    console.log(`\n== fire → ticket on the kitchen screens: 1 till, ${STATIONS.length} station screens, ${TICKETS_PER_MINUTE} tickets/min for ${SECONDS} s, through the branch hub (loopback) ==`);
    console.log(`  till send → ticket in the screen's store  p50 ${f(quantile(sorted, 0.5))}  p95 ${f(p95)}  p99 ${f(quantile(sorted, 0.99))}  max ${f(sorted.at(-1) ?? NaN)}  (${sorted.length} samples${pending.size ? `, ${pending.size} tickets never seen` : ''})`);
    console.log('    where the time goes (each hop over the samples that have it):');
    for (const l of hopLines(hops)) console.log(l);
    const requests = trace.requests();
    console.log(`    requests to the hub: ${requests.pushes} pushes, ${requests.pulls} pulls, ${requests.notices} notices heard, for ${orders} sends`);
    console.log(`  goal: p95 ≤ ${GOAL_P95_MS} ms — ${p95 <= GOAL_P95_MS ? 'met' : 'not met'} (drawing the card is not included: see the kitchen UI bench)`);
    if (pending.size > 0) process.exitCode = 1;
  } finally {
    for (const device of devices) await closeBenchDevice(device);
    await hub.stop();
  }
} finally {
  await central.stop();
}
