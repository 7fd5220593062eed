import { describe, expect, it } from 'vitest';
import { runChaos } from './chaos/chaos-run.js';

/**
 * The randomized replication test (a sample; `pnpm chaos` runs 2,000 schedules). A failure names
 * the seed: `CHAOS_SEED=<seed> pnpm --filter @comanda/desktop chaos` replays the same schedules.
 */
describe('replication chaos: three tills, random outages, restarts and page sizes', () => {
  it('every till ends with what the server holds; no order lost or duplicated', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? 20_261_202);
    const schedules = Number(process.env.CHAOS_SCHEDULES ?? 200);
    const result = await runChaos({ seed, schedules, log: (line) => console.log(line) });
    expect(result.failures, `replay with CHAOS_SEED=${seed}`).toEqual([]);
    expect(result.schedulesRun).toBe(schedules);
  }, 600_000);
});
