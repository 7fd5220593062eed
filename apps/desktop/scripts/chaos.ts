/**
 * The long randomized replication run (on demand, not in CI): `pnpm chaos` from the root, or
 * `pnpm --filter @comanda/desktop chaos`. CHAOS_SCHEDULES (default 2000) schedules from CHAOS_SEED
 * (default: random, printed); a failure prints the seed that replays it.
 */
import { runChaos } from '../src/renderer/sync/chaos/chaos-run.js';

const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const schedules = Number(process.env.CHAOS_SCHEDULES ?? 2000);
const started = performance.now();
console.log(`chaos: ${schedules} schedules, CHAOS_SEED=${seed}`);
const result = await runChaos({
  seed,
  schedules,
  maxTxidPower: 1_000_000n,
  log: (line) => console.log(`  ${line}`),
});
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(
  `schedules run: ${result.schedulesRun}/${schedules}, failures: ${result.failures.length}, ` +
    `server restarts: ${result.restarts}, txid powers crossed: ${result.txidCrossings.join(', ') || 'none'}, ${seconds} s`,
);
for (const failure of result.failures) {
  console.log(`FAILED schedule ${failure.schedule}: ${failure.message}`);
}
console.log(
  `replay: CHAOS_SEED=${seed} CHAOS_SCHEDULES=${result.schedulesRun} pnpm --filter @comanda/desktop chaos`,
);
process.exit(result.failures.length > 0 || result.schedulesRun < schedules ? 1 : 0);
