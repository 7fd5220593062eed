import { describe, expect, it } from 'vitest';
import { startOutboxJobs } from '../printing/testing/outbox-jobs.js';
import { runBranchChaos } from './chaos/branch-chaos-run.js';

/**
 * The branch chaos test (a sample; `pnpm chaos:branch` runs 2,000 schedules). A failure names the
 * seed: `CHAOS_SEED=<seed> pnpm chaos:branch` replays the same schedules.
 */
describe('branch chaos: three tills, a hub and the central server, with partitions, crashes and restarts', () => {
  it('every replica converges to what the tills accepted; every ticket prints once', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? 20_261_215);
    const schedules = Number(process.env.CHAOS_SCHEDULES ?? 200);
    const result = await runBranchChaos({ seed, schedules, maxSteps: 3, startOutbox: startOutboxJobs, log: (l) => console.log(l) });
    expect(result.failures, `replay with CHAOS_SEED=${seed} pnpm chaos:branch`).toEqual([]);
    expect(result.schedulesRun).toBe(schedules);
  }, 1_200_000);
});
