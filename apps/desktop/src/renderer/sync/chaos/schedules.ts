import { Rng, scheduleSeed } from './rng.js';

/** A check of a chaos run that did not hold (thrown by a schedule, reported with its seed). */
export class ChaosFailure extends Error {}

export interface ScheduleFailure {
  schedule: number;
  scheduleSeed: number;
  message: string;
}

export interface SchedulesOptions {
  seed: number;
  schedules: number;
  log: (line: string) => void;
}

/** Schedules between two progress lines. */
const PROGRESS_EVERY = 50;

/**
 * Runs schedules 0…n−1 of a chaos run, each with its own PRNG stream from the run's seed, and
 * stops at the first failure (later schedules would start from a broken state). `run` gets the
 * schedule's PRNG and whether it is the last one. Every 50 schedules a line says how many ran,
 * the failures so far, the time spent, the estimated time left and `progress`.
 */
export async function runSchedules(
  options: SchedulesOptions,
  run: (rng: Rng, index: number, last: boolean) => Promise<void>,
  progress: () => Promise<string> | string,
): Promise<{ schedulesRun: number; failures: ScheduleFailure[] }> {
  const failures: ScheduleFailure[] = [];
  let schedulesRun = 0;
  const started = performance.now();
  for (let s = 0; s < options.schedules; s++) {
    const sSeed = scheduleSeed(options.seed, s);
    schedulesRun = s + 1;
    try {
      await run(new Rng(sSeed), s, s === options.schedules - 1);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ schedule: s, scheduleSeed: sSeed, message });
      options.log(`schedule ${s} failed: ${message}`);
      break;
    }
    if ((s + 1) % PROGRESS_EVERY === 0) {
      const elapsed = (performance.now() - started) / 1000;
      const eta = (elapsed / (s + 1)) * (options.schedules - s - 1);
      options.log(
        `${s + 1}/${options.schedules} schedules, ${failures.length} failures, ${elapsed.toFixed(0)} s, ETA ${eta.toFixed(0)} s, ${await progress()}`,
      );
    }
  }
  return { schedulesRun, failures };
}

/** Canonical JSON (sorted keys) for structural equality. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
