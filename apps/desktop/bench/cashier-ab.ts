// Interleaved A/B of two renderer builds on the cashier bench's cold start (step 1 of
// bench/cashier.ts: navigation → PIN pad interactive, last PIN digit → order screen).
// On a shared machine only runs made side by side compare; this alternates A and B over the same
// seeded profile, after one warm-up of each (so both have their V8 code cache).
//   BENCH_KEEP_PROFILE=<dir seeded by bench/cashier.ts> node --import tsx bench/cashier-ab.ts <dist A> <dist B>
// Build each side with `npx vite build --outDir <dist>` at the commit to compare. AB_RUNS=10.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTill } from '../e2e/support/chromium.js';
import { startNodeHost } from '../src/host/node/node-host.js';
import { createHostService } from '../src/host/service/host-service.js';
import { pinPadReadyAt } from './pin-pad.js';

const RUNS = Number(process.env.AB_RUNS ?? 10);
const profileDir = process.env.BENCH_KEEP_PROFILE;
const [distA, distB] = process.argv.slice(2);
if (!profileDir || !existsSync(join(profileDir, 'seeded')) || !distA || !distB) {
  console.error('usage: BENCH_KEEP_PROFILE=<seeded profile> node --import tsx bench/cashier-ab.ts <dist A> <dist B>');
  process.exit(2);
}
const CASHIER_PIN = '1357';
const dirs = { A: distA, B: distB };
type Side = keyof typeof dirs;
const results: Record<Side, { pin: number[]; order: number[] }> = { A: { pin: [], order: [] }, B: { pin: [], order: [] } };
const work = await mkdtemp(join(tmpdir(), 'comanda-bench-ab-'));

async function coldStart(side: Side, record: boolean): Promise<void> {
  // Port 4499: the kept profile's IndexedDB belongs to that origin (bench/cashier.ts).
  const host = await startNodeHost({ service: createHostService({ dataDir: join(work, 'host'), host: 'node', version: '0.1.0-bench' }), staticDir: dirs[side], port: 4499 });
  const { context, page } = await openTill(profileDir!, host.url);
  try {
    const pin = await pinPadReadyAt(page);
    for (const d of CASHIER_PIN.slice(0, -1)) await page.getByRole('button', { name: d, exact: true }).last().click();
    const before = performance.now();
    await page.getByRole('button', { name: CASHIER_PIN.slice(-1), exact: true }).last().click();
    await page.locator('button.cmd-item:not([disabled])').first().waitFor({ timeout: 60_000 });
    const order = performance.now() - before;
    if (record) {
      results[side].pin.push(pin);
      results[side].order.push(order);
    }
    console.log(`  ${side}: PIN pad ${pin.toFixed(0)} ms, last digit → order ${order.toFixed(0)} ms${record ? '' : ' (warm-up)'}`);
  } finally {
    await context.close();
    await host.close();
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
try {
  await coldStart('A', false);
  await coldStart('B', false);
  const orders: Side[][] = [['A', 'B'], ['B', 'A']];
  for (let i = 0; i < RUNS; i++) for (const side of orders[i % 2] ?? []) await coldStart(side, true);
  console.log(`\nA/B cold start, ${RUNS} runs each, interleaved (goals: PIN pad ≤ 1000 ms, PIN → order ≤ 300 ms)`);
  for (const side of ['A', 'B'] as Side[]) {
    const r = results[side];
    console.log(`  ${side} ${dirs[side]}: PIN pad median ${median(r.pin).toFixed(0)} ms (${median(r.pin) <= 1000 ? 'meets' : 'MISSES'}), runs ${r.pin.map((v) => v.toFixed(0)).join(', ')}`);
    console.log(`    last digit → order median ${median(r.order).toFixed(0)} ms (${median(r.order) <= 300 ? 'meets' : 'MISSES'}), runs ${r.order.map((v) => v.toFixed(0)).join(', ')}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
