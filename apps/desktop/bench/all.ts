/**
 * `pnpm bench` for the till: runs every bench script in turn, each in its own process, so one
 * that fails (or times out) does not keep the others' rows from being printed; exits non-zero at
 * the end if any failed, naming them.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'run.ts',
  'cashier.ts',
  'new-till.ts',
  'kitchen.ts',
  'branch-latency.ts',
  'kitchen-fire.ts',
];

const failed: string[] = [];
for (const bench of BENCHES) {
  const script = fileURLToPath(new URL(bench, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(`${bench} (${result.signal ?? `exit ${result.status}`})`);
}
if (failed.length > 0) {
  console.error(`\nbench: ${failed.length} of ${BENCHES.length} failed: ${failed.join(', ')}`);
  process.exit(1);
}
