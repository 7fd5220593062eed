/**
 * The long branch chaos run (on demand, not in CI): `pnpm chaos:branch` from the root.
 * CHAOS_SCHEDULES (default 2000) schedules from CHAOS_SEED (default: random, printed) over three
 * tills, a hub and the central server; a failure prints the command that replays it.
 */
import { startOutboxJobs } from '../src/renderer/printing/testing/outbox-jobs.js';
import { runBranchChaos } from '../src/renderer/sync/chaos/branch-chaos-run.js';

const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const schedules = Number(process.env.CHAOS_SCHEDULES ?? 2000);
const started = performance.now();
console.log(`branch chaos: ${schedules} schedules, CHAOS_SEED=${seed}`);
const maxSteps = Number(process.env.CHAOS_STEPS ?? 5);
const result = await runBranchChaos({ seed, schedules, maxSteps, startOutbox: startOutboxJobs, log: (line) => console.log(`  ${line}`) });
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const events = Object.entries(result.events)
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([event, n]) => `${event} ${n}`)
  .join(', ');
console.log(
  `schedules run: ${result.schedulesRun}/${schedules}, failures: ${result.failures.length}, ${seconds} s, CPU ${result.cpuMsPerSchedule} ms per schedule`,
);
console.log(
  `per schedule: wall ${result.wallMsPerSchedule} ms, of which converging ${result.convergeMsPerSchedule} ms; deliberate pauses ${result.pausedMsPerSchedule} ms`,
);
console.log(`events: ${events}`);
for (const failure of result.failures) {
  console.log(`FAILED schedule ${failure.schedule} (schedule seed ${failure.scheduleSeed}): ${failure.message}`);
  // Schedules share the servers and tills: a replay runs every schedule up to the failing one.
  console.log(`replay: CHAOS_SEED=${seed} CHAOS_SCHEDULES=${failure.schedule + 1} pnpm chaos:branch`);
}
process.exit(result.failures.length > 0 || result.schedulesRun < schedules ? 1 : 0);
