// `npm test`: every check CI runs, in order, on a fresh machine. Installs what is missing
// (system packages, workspace dependencies), type-checks, lints, runs each package's vitest
// suite and the end-to-end suite, then prints one closing line "N passed, N failed".
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstalled, pnpmCommand, readJson, root, run } from './lib.mjs';

const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function record(name, ok) {
  if (ok) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

/** Adds the pass/fail counts of a vitest JSON report; a suite that crashed before reporting counts as one failure. */
function recordVitest(name, code, reportPath) {
  if (!existsSync(reportPath)) {
    record(`${name} (no report, exit ${code})`, false);
    return;
  }
  const report = readJson(reportPath);
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numFailedTests > 0) failures.push(`${name}: ${report.numFailedTests} failed`);
  // Failed suites (import errors, hooks) or a failed coverage threshold make vitest exit non-zero
  // without a failed test: count them so they are never hidden.
  const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
  if (brokenSuites > 0 || (code !== 0 && report.numFailedTests === 0)) record(`${name} (suite errors or thresholds, exit ${code})`, false);
}

const sys = await run('bash', ['scripts/ensure-system-deps.sh']);
if (sys !== 0) console.warn('! Could not install PostgreSQL/Chromium; tests that need them will fail.');
await ensureInstalled();
const [pnpm, ...pre] = pnpmCommand();

console.log('\n== typecheck ==');
record('typecheck', (await run(pnpm, [...pre, '-r', 'typecheck'])) === 0);
console.log('\n== lint ==');
record('lint', (await run(pnpm, [...pre, 'lint'])) === 0);

const packageDirs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((d) => join(group, d)),
);
for (const dir of packageDirs) {
  const pkgPath = join(root, dir, 'package.json');
  if (!existsSync(pkgPath)) continue;
  const pkg = readJson(pkgPath);
  for (const script of ['test', 'e2e']) {
    if (!pkg.scripts?.[script]) continue;
    const label = `${pkg.name} ${script}`;
    console.log(`\n== ${label} ==`);
    const report = join(results, `${pkg.name.replace('/', '__')}-${script}.json`);
    const code = await run(
      pnpm,
      [...pre, 'run', script, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
      { cwd: join(root, dir) },
    );
    recordVitest(label, code, report);
  }
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
