// Small helpers shared by the root scripts (start, test). Plain Node, no dependencies:
// these scripts run before `pnpm install` has happened.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The pnpm command: a pnpm 10 on PATH, else `npx -y pnpm@10` (corepack is not reliable here). */
export function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm'];
  return ['npx', '-y', 'pnpm@10'];
}

/** Runs a command inheriting stdio; resolves with its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: root, ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

/** Installs workspace dependencies from the lockfile when node_modules is missing or older than it. */
export async function ensureInstalled() {
  const lock = join(root, 'pnpm-lock.yaml');
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  const [cmd, ...pre] = pnpmCommand();
  const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
  const code = await run(cmd, [...pre, 'install', ...frozen]);
  if (code !== 0) throw new Error(`pnpm install failed with exit code ${code}`);
}

/** True when a command is on PATH. */
export function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
