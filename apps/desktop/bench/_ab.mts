// Interleaved A/B cold starts over the kept bench profile: same measurement as bench/cashier.ts, step 1.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/support/chromium.js';
import { startNodeHost } from '../src/host/node/node-host.js';
import { createHostService } from '../src/host/service/host-service.js';
const N = Number(process.env.AB_RUNS ?? 10);
const dirs = { A: '/tmp/coldstart/A', B: '/tmp/coldstart/B' } as const;
const res: Record<string, { pin: number[]; order: number[] }> = { A: { pin: [], order: [] }, B: { pin: [], order: [] } };
async function once(which: 'A' | 'B', record: boolean) {
  const host = await startNodeHost({ service: createHostService({ dataDir: '/tmp/coldstart/host', host: 'node', version: '0.1.0-bench' }), staticDir: dirs[which], port: 4499 });
  const context = await chromium.launchPersistentContext('/tmp/coldstart/profile', { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(host.url);
  const pin = await page.waitForFunction(() => { const d = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '1'); return d && !d.disabled ? performance.now() : false; }, undefined, { polling: 'raf', timeout: 60000 });
  const pinAt = (await pin.jsonValue()) as number;
  for (const d of '135') await page.getByRole('button', { name: d, exact: true }).last().click();
  const t = performance.now();
  await page.getByRole('button', { name: '7', exact: true }).last().click();
  await page.locator('button.cmd-item:not([disabled])').first().waitFor({ timeout: 60000 });
  const order = performance.now() - t;
  await context.close();
  await host.close();
  if (record) { res[which]!.pin.push(pinAt); res[which]!.order.push(order); }
  console.log(`${which} pin ${pinAt.toFixed(0)} order ${order.toFixed(0)}${record ? '' : ' (warm-up)'}`);
}
const med = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
await once('A', false); await once('B', false);
for (let i = 0; i < N; i++) for (const w of (i % 2 ? ['B', 'A'] : ['A', 'B']) as ('A' | 'B')[]) await once(w, true);
for (const w of ['A', 'B']) console.log(`${w}: PIN pad median ${med(res[w]!.pin).toFixed(0)} ms runs ${res[w]!.pin.map((v) => v.toFixed(0)).join(', ')} | PIN → order median ${med(res[w]!.order).toFixed(0)} ms runs ${res[w]!.order.map((v) => v.toFixed(0)).join(', ')}`);
