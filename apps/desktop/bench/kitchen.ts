// `pnpm bench` (issue 16): a bump on a kitchen screen with 200 open tickets, in Chromium.
// Goal: the bump re-renders (state change → DOM committed) in ≤ 16 ms p95. Printed side by side
// with the same screen's one-second timer tick (same 200 cards, nothing bumped) measured in the
// same run. BENCH_KITCHEN_TICKETS and BENCH_KITCHEN_ROUNDS change the sizes.
// Then memory over one hour of service, fast-forwarded (bench/kitchen/service.ts): the JS heap
// after a forced collection (CDP) every 100 tickets, its slope once arrivals and departures
// balance; goal: flat. BENCH_KITCHEN_SERVICE_MIN and BENCH_KITCHEN_RATE (tickets/min) change it.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import { freePort } from '@comanda/sync-server/testing';
import { build } from 'vite';
import { openTill } from '../e2e/support/chromium.js';

const TICKETS = Number(process.env.BENCH_KITCHEN_TICKETS ?? 200);
// Two rounds of bumps (memoised, then every card re-rendered) take distinct tickets.
const ROUNDS = Math.min(Number(process.env.BENCH_KITCHEN_ROUNDS ?? 100), Math.floor(TICKETS / 2));
const GOAL_MS = 16;
const SERVICE_MIN = Number(process.env.BENCH_KITCHEN_SERVICE_MIN ?? 60);
const RATE = Number(process.env.BENCH_KITCHEN_RATE ?? 20);
/** Tickets on the screen's list stop growing once the first ones leave (20 min after arriving). */
const STEADY_AFTER = 20 * RATE;
/** Heap growth per 100 tickets still called flat (noise of the collector and the JIT). */
const FLAT_BYTES = 256 * 1024;

const pct = (samples: readonly number[], p: number) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? Number.NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

const work = await mkdtemp(join(tmpdir(), 'comanda-bench-kitchen-'));
const outDir = join(work, 'static');
await build({ logLevel: 'warn', root: join(import.meta.dirname, 'kitchen'), base: './', plugins: [react()], build: { outDir, emptyOutDir: true, sourcemap: false } });
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer((req, res) => {
  const path = normalize(join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
  const file = path.endsWith('/') || path === outDir ? join(path, 'index.html') : path;
  void stat(file).then(
    () => {
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    },
    () => res.writeHead(404).end(),
  );
});
const port = await freePort();
await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
const { context, page } = await openTill(join(work, 'profile'), `http://127.0.0.1:${port}/?tickets=${TICKETS}`);
try {
  await page.waitForFunction(() => (window as unknown as { kitchenBench?: { cards(): number } }).kitchenBench?.cards() ?? 0 > 0);
  const result = await page.evaluate((rounds) => (window as unknown as { kitchenBench: { run(n: number): Promise<{ tick: { commit: number[]; frame: number[] }; bump: { commit: number[]; frame: number[] }; full: { commit: number[]; frame: number[] }; cards: number }> } }).kitchenBench.run(rounds), ROUNDS);
  const bumpP95 = pct(result.bump.commit, 95);
  console.log(`kitchen display: ${TICKETS} open tickets on one station screen, ${ROUNDS} rounds (${result.cards} cards left on screen)`);
  console.log(`  bump → DOM committed   p50 ${ms(pct(result.bump.commit, 50))}  p95 ${ms(bumpP95)}  (goal ≤ ${GOAL_MS} ms p95: ${bumpP95 <= GOAL_MS ? 'meets' : 'MISSES'})`);
  console.log(`  bump → next frame      p50 ${ms(pct(result.bump.frame, 50))}  p95 ${ms(pct(result.bump.frame, 95))}`);
  console.log(`  baseline: timer tick   p50 ${ms(pct(result.tick.commit, 50))}  p95 ${ms(pct(result.tick.commit, 95))}  (same cards, nothing bumped)`);
  console.log(`  baseline: every card re-rendered on the bump  p50 ${ms(pct(result.full.commit, 50))}  p95 ${ms(pct(result.full.commit, 95))}  (what an unmemoised screen does)`);
  console.log(`  ratio bump / every card p95: ${(bumpP95 / pct(result.full.commit, 95)).toFixed(2)}   bump / tick p95: ${(bumpP95 / pct(result.tick.commit, 95)).toFixed(2)}`);

  const cdp = await context.newCDPSession(page);
  const samples: { tickets: number; used: number }[] = [];
  await page.exposeFunction('heapCheckpoint', async (tickets: number) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    samples.push({ tickets, used: usedSize });
  });
  const arrived = await page.evaluate(
    ([minutes, rate]) => (window as unknown as { kitchenBench: { service(m: number, r: number, every: number): Promise<number> } }).kitchenBench.service(minutes, rate, 100),
    [SERVICE_MIN, RATE] as const,
  );
  const steady = samples.filter((s) => s.tickets >= STEADY_AFTER);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  // Least-squares slope of the heap against tickets arrived, per 100 tickets.
  const slope = (() => {
    if (steady.length < 2) return Number.NaN;
    const mx = steady.reduce((a, s) => a + s.tickets, 0) / steady.length;
    const my = steady.reduce((a, s) => a + s.used, 0) / steady.length;
    const num = steady.reduce((a, s) => a + (s.tickets - mx) * (s.used - my), 0);
    const den = steady.reduce((a, s) => a + (s.tickets - mx) ** 2, 0);
    return (num / den) * 100;
  })();
  console.log(`kitchen display memory: ${SERVICE_MIN} min of service fast-forwarded, ${RATE} tickets/min (${arrived} tickets), heap after a forced GC every 100 tickets`);
  console.log(`  baseline: empty screen ${mb(samples[0]?.used ?? Number.NaN)}`);
  console.log(`  heap: ${samples.map((s) => `${s.tickets}: ${(s.used / 1024 / 1024).toFixed(1)}`).join('  ')} (MB)`);
  console.log(`  steady state (from ${STEADY_AFTER} tickets): start ${mb(steady[0]?.used ?? Number.NaN)}  end ${mb(steady.at(-1)?.used ?? Number.NaN)}  slope ${(slope / 1024).toFixed(1)} KB per 100 tickets (goal flat, |slope| ≤ ${FLAT_BYTES / 1024} KB: ${Math.abs(slope) <= FLAT_BYTES ? 'meets' : 'MISSES'})`);
} finally {
  await context.close();
  server.close();
  await rm(work, { recursive: true, force: true });
}
