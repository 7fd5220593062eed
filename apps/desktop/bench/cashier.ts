// `pnpm bench` (issue 6): the cashier's screens in Chromium against the built app, with a
// 2,000-item menu and 100,000 stored orders seeded into the till's own store (standalone till).
//  1. Cold start: new browser, navigation → PIN pad interactive; then PIN → order screen.
//  2. Add item to cart, p95: click → cart DOM updated → next frame, vs a trivial DOM append.
//  3. Search over 2,000 items, p95: input → grid updated → next frame, vs Array.filter on the names.
//  4. Renderer JS heap after the run (CDP Runtime.getHeapUsage, without forcing GC, then after one).
//  5. A simulated service (orders taken and paid through the screens): heap at start, middle, end.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoSeed } from '@comanda/core/demo';
import { freePort } from '@comanda/sync-server/testing';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { build } from 'vite';
import { openTill } from '../e2e/support/chromium.js';
import { startNodeHost } from '../src/host/node/node-host.js';
import { createHostService } from '../src/host/service/host-service.js';
import { benchItemName, benchQueries } from './cashier/menu-names.js';
import { PROBE_SOURCE } from './cashier/probe.js';
import type { CashierSeed } from './cashier/seed-page.js';
import { pinPadReadyAt } from './pin-pad.js';

const ITEMS = Number(process.env.BENCH_MENU_ITEMS ?? 2000);
const ORDERS = Number(process.env.BENCH_STORED_ORDERS ?? 100_000);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);
const ADDS = Number(process.env.BENCH_ADDS ?? 200);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 100);
const SERVICE_ORDERS = Number(process.env.BENCH_SERVICE_ORDERS ?? 200);
const CASHIER_PIN = '1357'; // Léa, cashier, in the demo seed

const appDir = join(import.meta.dirname, '..');
const ms = (v: number) => `${v.toFixed(1)} ms`;
function pct(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const verdict = (value: number, goal: number) => (value <= goal ? 'meets' : 'MISSES');

interface Probe {
  addItems(count: number, distinct: number): Promise<{ dom: number[]; frame: number[]; misses: number[]; lines: number }>;
  baselineAppend(count: number): Promise<{ dom: number[]; frame: number[] }>;
  search(queries: string[]): Promise<{ dom: number[]; frame: number[]; results: number[]; misses: string[] }>;
  baselineFilter(names: string[], queries: string[], rounds: number): { times: number[]; hits: number };
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.getByRole('button', { name: d, exact: true }).last().click();
}
const firstItem = (page: Page) => page.locator('button.cmd-item:not([disabled])').first();
/** Waits for `locator`; on time-out says what the page shows instead (a bench is run unattended). */
async function showing(page: Page, locator: Locator): Promise<void> {
  try {
    await locator.waitFor({ timeout: 60_000 });
  } catch (error) {
    const text = await page.evaluate(() => document.body.innerText).catch(() => '(page unreadable)');
    throw new Error(`${(error as Error).message.split('\n')[0]}\nThe page shows instead: ${text.replace(/\s+/g, ' ').slice(0, 500)}`);
  }
}

// BENCH_KEEP_PROFILE=dir keeps the seeded browser profile there and reuses it on the next run
// (seeding 100,000 orders takes a minute or two; useful while iterating on start-up).
const keep = process.env.BENCH_KEEP_PROFILE;
const work = await mkdtemp(join(tmpdir(), 'comanda-bench-cashier-'));
const staticDir = join(work, 'static');
const quiet = { logLevel: 'warn' as const };
let t = performance.now();
// The app exactly as shipped (vite.config.ts), plus the seed page in a sub-folder of the same origin.
await build({ ...quiet, root: appDir, configFile: join(appDir, 'vite.config.ts'), build: { outDir: staticDir, emptyOutDir: true, sourcemap: false } });
await build({
  ...quiet,
  root: join(import.meta.dirname, 'cashier'),
  configFile: false,
  base: './',
  resolve: { dedupe: ['dexie'] },
  build: { outDir: join(work, 'seed'), emptyOutDir: true, target: 'chrome128', chunkSizeWarningLimit: 4000 },
});
await cp(join(work, 'seed'), join(staticDir, 'cashier-seed'), { recursive: true });
console.log(`\nCashier bench: built app + seed page in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const host = await startNodeHost({
  service: createHostService({ dataDir: join(work, 'host'), host: 'node', version: '0.1.0-bench' }),
  staticDir,
  // A kept profile is only found again on the same origin (IndexedDB is per origin).
  port: keep ? 4499 : await freePort(),
});
const profileDir = keep ?? join(work, 'profile');
const reuse = keep !== undefined && existsSync(join(keep, 'seeded'));
let context: BrowserContext | null = null;
try {
  if (reuse) console.log(`  reusing the seeded profile in ${keep}`);
  else await seedProfile();
  await coldStarts();
} finally {
  // Assigned inside the functions above; TypeScript cannot see that here.
  await (context as BrowserContext | null)?.close().catch(() => undefined);
  await host.close();
  await rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

async function seedProfile(): Promise<void> {
  // Seed (not measured as a goal): the store's own bulkInsert, same origin and database as the app.
  const opened = await openTill(profileDir, new URL('/cashier-seed/index.html', host.url).href);
  context = opened.context;
  const page = opened.page;
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'ready');
  t = performance.now();
  const seeded = await page.evaluate((n) => (globalThis as unknown as { cashierSeed: CashierSeed }).cashierSeed.menu(n), ITEMS);
  const stored = await page.evaluate((n) => (globalThis as unknown as { cashierSeed: CashierSeed }).cashierSeed.orders(n), ORDERS);
  console.log(`  seeded ${seeded.items} menu items and ${stored} stored orders in ${((performance.now() - t) / 1000).toFixed(1)} s (Chromium ${context.browser()?.version() ?? ''})`);

  // First run of the app: log in and open the shift, so later starts land on the order screen.
  await page.goto(host.url);
  // The demo branch speaks French: the bench finds screens by their English names, so it picks
  // English as a cashier would (the till keeps the choice across restarts).
  await page.getByTestId('locale-select').selectOption('en');
  await showing(page, page.getByRole('heading', { name: 'Enter your PIN' }));
  await typePin(page, CASHIER_PIN);
  await showing(page, page.getByRole('heading', { name: 'Open the shift' }));
  await page.getByLabel('Opening float').fill('10000');
  await page.getByRole('button', { name: 'Open shift' }).click();
  await showing(page, firstItem(page));
  await context.close();
  context = null;
  if (keep) await writeFile(join(keep, 'seeded'), `${ITEMS} items, ${ORDERS} orders\n`);
}

async function coldStarts(): Promise<void> {
  let opened: Awaited<ReturnType<typeof openTill>>;
  let page: Page | null = null;
  // 1. Cold start: a new browser process each time, timings from the page's own time origin.
  const toPin: number[] = [];
  const toOrder: number[] = [];
  const bootSteps: string[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    opened = await openTill(profileDir, host.url);
    context = opened.context;
    page = opened.page;
    toPin.push(await pinPadReadyAt(page));
    const marks = await page.evaluate(() => {
      // Page load milestones first (HTML received, app script received), then bootTill's own marks.
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const script = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.js')) as PerformanceResourceTiming | undefined;
      const load: (readonly [string, number])[] = [['html', nav?.responseEnd ?? 0], ['script', script?.responseEnd ?? 0]];
      return [...load, ...performance.getEntriesByType('mark').filter((m) => m.name.startsWith('comanda:boot:')).map((m) => [m.name.slice(13), m.startTime] as const)];
    });
    bootSteps.push(marks.map(([name, at], i) => `${name} ${Math.round(at - (marks[i - 1]?.[1] ?? 0))}`).join(' → '));
    await typePin(page, CASHIER_PIN.slice(0, -1));
    const before = performance.now();
    await page.getByRole('button', { name: CASHIER_PIN.slice(-1), exact: true }).last().click();
    await showing(page, firstItem(page));
    toOrder.push(performance.now() - before);
    if (run < COLD_RUNS - 1) {
      await context.close();
      context = null;
    }
  }
  const coldPin = pct(toPin, 50);
  const coldTotal = pct(toPin.map((v, i) => v + (toOrder[i] ?? 0)), 50);
  console.log(`\n1. Cold start, ${ITEMS} items + ${ORDERS} orders, median of ${COLD_RUNS} new browsers (goals: PIN pad ≤ 1000 ms, PIN → order ≤ 300 ms, sum ≤ 1500 ms)`);
  console.log(`  navigation → PIN pad interactive : ${ms(coldPin)}  runs ${toPin.map(ms).join(', ')}  ${verdict(coldPin, 1000)}`);
  console.log(`  last PIN digit → order screen   : ${ms(pct(toOrder, 50))}  runs ${toOrder.map(ms).join(', ')} (PBKDF2 + menu + shift)  ${verdict(pct(toOrder, 50), 300)}`);
  console.log(`  sum (start → selling)            : ${ms(coldTotal)}  ${verdict(coldTotal, 1500)}`);
  console.log(`  start-up steps, ms since previous (page load, then bootTill marks; start = app script evaluated): ${bootSteps.join(' | ')}`);

  if (!page || !context) throw new Error('no page after the cold starts');
  await page.evaluate(PROBE_SOURCE);
  // A takeaway order to add to; items of the first category without modifiers.
  await page.getByRole('button', { name: 'Takeaway', exact: true }).click();
  await page.locator('ol.cmd-cart').or(page.getByText(/^Ticket /)).first().waitFor();
  await page.waitForTimeout(300);

  // 2. Add item to cart.
  const adds = await page.evaluate(([n]) => (globalThis as unknown as { cashierProbe: Probe }).cashierProbe.addItems(n, 20), [ADDS] as const);
  const base = await page.evaluate(([n]) => (globalThis as unknown as { cashierProbe: Probe }).cashierProbe.baselineAppend(n), [ADDS] as const);
  console.log(`\n2. Add item to cart, ${adds.dom.length} adds over 20 items (${adds.lines} cart lines at the end${adds.misses.length ? `, ${adds.misses.length} NOT rendered within 2 s` : ''}) (goal p95 ≤ 16 ms)`);
  console.log(`  click → cart DOM updated   : p50 ${ms(pct(adds.dom, 50))}  p95 ${ms(pct(adds.dom, 95))}  max ${ms(pct(adds.dom, 100))}  ${verdict(pct(adds.dom, 95), 16)}`);
  const early = adds.dom.slice(0, 20);
  console.log(`  first 20 adds (cart ≤ 20)  : p50 ${ms(pct(early, 50))}  p95 ${ms(pct(early, 95))} (each add is a new line, so later adds render a longer cart)`);
  console.log(`  click → next frame         : p50 ${ms(pct(adds.frame, 50))}  p95 ${ms(pct(adds.frame, 95))}`);
  console.log(`  baseline, trivial append   : DOM p95 ${ms(pct(base.dom, 95))}  next frame p50 ${ms(pct(base.frame, 50))} p95 ${ms(pct(base.frame, 95))} (frame-alignment floor)`);

  // 3. Search.
  const queries = benchQueries(QUERIES);
  const names = [...buildDemoSeed(0).menu.flatMap((d) => (d.kind === 'item' ? [d.name] : [])), ...Array.from({ length: Math.max(0, ITEMS - 45) }, (_, i) => benchItemName(i))];
  const search = await page.evaluate(([q]) => (globalThis as unknown as { cashierProbe: Probe }).cashierProbe.search(q), [queries] as const);
  const filter = await page.evaluate(([n, q]) => (globalThis as unknown as { cashierProbe: Probe }).cashierProbe.baselineFilter(n, q, 5), [names, queries] as const);
  console.log(`\n3. Search over ${names.length} items, ${search.dom.length} queries (mean ${(search.results.reduce((a, b) => a + b, 0) / Math.max(1, search.results.length)).toFixed(0)} results shown${search.misses.length ? `, ${search.misses.length} with no update` : ''}) (goal p95 ≤ 16 ms)`);
  console.log(`  input → grid DOM updated    : p50 ${ms(pct(search.dom, 50))}  p95 ${ms(pct(search.dom, 95))}  max ${ms(pct(search.dom, 100))}  ${verdict(pct(search.dom, 95), 16)}`);
  console.log(`  input → next frame          : p50 ${ms(pct(search.frame, 50))}  p95 ${ms(pct(search.frame, 95))}`);
  console.log(`  baseline, Array.filter      : p50 ${ms(pct(filter.times, 50))}  p95 ${ms(pct(filter.times, 95))} (${filter.hits} hits)`);

  // 4. Heap.
  const cdp = await context.newCDPSession(page);
  const heap = async (collect = false) => {
    if (collect) await cdp.send('HeapProfiler.collectGarbage');
    return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1024 / 1024;
  };
  const mb = (v: number) => `${v.toFixed(1)} MB`;
  const live = await heap();
  console.log(`\n4. Renderer JS heap after the cashier bench, no forced GC (goal ≤ 120 MB)`);
  console.log(`  used ${mb(live)}  ${verdict(live, 120)}   after a forced GC: ${mb(await heap(true))}`);

  // 5. Simulated service: orders taken and paid through the screens, heap read without forcing GC
  // at the start, middle and end; growth per 100 orders from forced-GC reads of the second half
  // (what stays reachable: a leak), after the first half warmed every screen up.
  await clearSearch(page);
  // The add-item probe's order is still on screen.
  if ((await page.locator('ol.cmd-cart').count()) > 0) await payOnScreen(page);
  const half = Math.max(1, Math.floor(SERVICE_ORDERS / 2));
  const start = await heap();
  const t0 = performance.now();
  for (let i = 0; i < half; i++) await sellOne(page);
  const middle = await heap();
  const middleRetained = await heap(true);
  for (let i = half; i < 2 * half; i++) await sellOne(page);
  const end = await heap();
  const endRetained = await heap(true);
  const perHundred = ((endRetained - middleRetained) / half) * 100;
  console.log(`\n5. Simulated service, ${2 * half} orders taken and paid in cash through the screens (${((performance.now() - t0) / 1000).toFixed(0)} s) over ${ORDERS} stored (goals: ≤ 120 MB without forcing GC, flat)`);
  console.log(`  heap, no forced GC: start ${mb(start)}  middle ${mb(middle)}  end ${mb(end)}  ${verdict(Math.max(start, middle, end), 120)}`);
  console.log(`  retained (forced GC): middle ${mb(middleRetained)}  end ${mb(endRetained)}  growth ${perHundred.toFixed(2)} MB per 100 orders  ${verdict(perHundred, 1)} (flat: ≤ 1 MB per 100 orders)`);
}

async function clearSearch(page: Page): Promise<void> {
  const search = page.locator('.cmd-search input');
  if ((await search.count()) > 0) await search.fill('');
}

/** One sale as a cashier makes it: takeaway, three items, pay the exact amount in cash, done. */
async function sellOne(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Takeaway', exact: true }).click();
  // The new order is on screen before the first item goes to it; each line before the next item.
  await showing(page, page.locator('#order-title'));
  const items = page.locator('button.cmd-item:not([disabled])');
  for (let k = 0; k < 3; k++) {
    await items.nth(k).click();
    await showing(page, page.locator('ol.cmd-cart > li.cmd-line').nth(k));
  }
  await payOnScreen(page);
}

/** Pays the order on screen with the exact amount in cash and goes back to a new order. */
async function payOnScreen(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.getByRole('tab', { name: 'Cash' }).click();
  await page.getByRole('button', { name: 'Exact' }).click();
  await page.getByRole('button', { name: /^Take / }).click();
  await showing(page, page.getByText('Paid in full').first());
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await showing(page, page.getByRole('button', { name: 'Takeaway', exact: true }));
}
