// `pnpm bench`: measured in Chromium on this machine, against goals from the issue.
//  1. Order commit through the app's store (strict durability) vs a raw Dexie put of the same doc.
//  2. Catch-up: 10,000 orders recorded offline, then the server starts: time until all are on it,
//     side by side with a raw pipeline (the same docs read from Dexie and POSTed, no bookkeeping).
import { join } from 'node:path';
import { openTill } from '../e2e/support/chromium.js';
import { TestShop } from '../e2e/support/shop.js';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 500);
const OFFLINE_ORDERS = Number(process.env.BENCH_OFFLINE_ORDERS ?? 10_000);
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

type Stats = { p50: number; p99: number; mean: number };
/** What bench/page/main.ts exposes (functions are serialized into the page, so no DOM types here). */
interface BenchApi {
  boot(): Promise<void>;
  pair(url: string, code: string): Promise<void>;
  pending(): number;
  commit(n: number): Promise<{ store: Stats; dexie: Stats }>;
  recordOffline(n: number): Promise<void>;
  pinCost(runs: number): Promise<{ old: number; current: number; iterations: number }>;
  rawPush(url: string, code: string): Promise<{ sent: number; ms: number }>;
}

const shop = await TestShop.create(join(import.meta.dirname, '..', 'dist', 'bench'));
const { context, page } = await openTill(shop.profileDir, shop.host.url);
page.on('pageerror', (error) => console.error(`[page] ${error.message}`));
page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
try {
  await page.reload();
  await page.waitForFunction(() => (globalThis as unknown as { comandaBench?: BenchApi }).comandaBench !== undefined);
  await page.evaluate(() => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.boot());
  const code = await shop.pairingCode();
  await page.evaluate(([url, c]) => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.pair(url, c), [shop.serverUrl, code] as const);

  const commit = await page.evaluate((n) => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.commit(n), COMMITS);
  const ratio = (p: 'p50' | 'p99', goal: number) => {
    const r = commit.store[p] / commit.dexie[p];
    return `${r.toFixed(2)}× (goal ≤ ${goal}×) ${r <= goal ? 'meets' : 'MISSES'}`;
  };
  console.log(`\nOrder commit, ${COMMITS} orders, strict durability, store and raw Dexie interleaved (Chromium ${context.browser()?.version() ?? ''})`);
  console.log(`  app store : p50 ${fmt(commit.store.p50)}  p99 ${fmt(commit.store.p99)}`);
  console.log(`  raw Dexie : p50 ${fmt(commit.dexie.p50)}  p99 ${fmt(commit.dexie.p99)}`);
  console.log(`  store / raw: p50 ${ratio('p50', 1.5)}   p99 ${ratio('p99', 1.3)}`);

  const pin = await page.evaluate((n) => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.pinCost(n), 7);
  console.log(`\nPIN check, one PBKDF2-SHA256 verify, median of 7 (decision 0015)`);
  console.log(`  100,000 iterations (before): ${fmt(pin.old)}   ${pin.iterations.toLocaleString('en')} (now): ${fmt(pin.current)}   ratio ${(pin.old / pin.current).toFixed(1)}×`);
  console.log(`  a login hashes once for the till's last user, once per candidate otherwise (goal: PIN → order ≤ 300 ms, see the cashier bench)`);

  await page.waitForFunction(() => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.pending() === 0, undefined, { timeout: 120_000 });
  await shop.stopServer();
  const t0 = performance.now();
  await page.evaluate((n) => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.recordOffline(n), OFFLINE_ORDERS);
  console.log(`\nCatch-up: recorded ${OFFLINE_ORDERS} orders offline in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await page.waitForFunction((n) => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.pending() >= n, OFFLINE_ORDERS, { timeout: 60_000 });

  const started = performance.now();
  await shop.startServer();
  const serverUp = (performance.now() - started) / 1000;
  await page.waitForFunction((n) => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.pending() < n, OFFLINE_ORDERS, { timeout: 300_000, polling: 20 });
  const firstAck = (performance.now() - started) / 1000 - serverUp;
  await page.waitForFunction(() => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.pending() === 0, undefined, { timeout: 300_000, polling: 100 });
  const seconds = (performance.now() - started) / 1000;
  const tillSeconds = seconds - serverUp;
  const onServer = (await shop.serverOrders()).length;
  const rawCode = await shop.pairingCode();
  const raw = await page.evaluate(([url, c]) => (globalThis as unknown as { comandaBench: BenchApi }).comandaBench.rawPush(url, c), [shop.serverUrl, rawCode] as const);
  const rawSeconds = raw.ms / 1000;
  const rate = (docs: number, s: number) => `${Math.round(docs / s)} docs/s`;
  console.log(`  server up → first acknowledgement: ${firstAck.toFixed(1)} s (retry wait, token, first batch)`);
  console.log(`  till catch-up, server up → all acknowledged : ${tillSeconds.toFixed(1)} s  ${rate(OFFLINE_ORDERS, tillSeconds)}`);
  console.log(`  raw pipeline, Dexie read → POST, no bookkeeping: ${rawSeconds.toFixed(1)} s  ${rate(raw.sent, rawSeconds)}  (${raw.sent} docs, same batches, same server)`);
  console.log(`  till / raw throughput: ${((rawSeconds / tillSeconds) * 100).toFixed(0)} % (goal ≥ 60 %)`);
  console.log(`  server start → all acknowledged: ${seconds.toFixed(1)} s (goal ≤ 5 s, includes server start: ${serverUp.toFixed(1)} s)`);
  console.log(`  orders on the server: ${onServer} (expected ${OFFLINE_ORDERS + COMMITS})`);
} finally {
  await context.close();
  await shop.close();
}
