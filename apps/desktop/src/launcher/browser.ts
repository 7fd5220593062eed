import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Flags for Chromium as a till window; the background-networking ones matter as root in CI. */
export const CHROMIUM_FLAGS = [
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-default-browser-check',
];

export const CHROMIUM_PATH = process.env.COMANDA_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The Electron binary's path if it is installed, or why not. Reads the package's path.txt
 * instead of requiring 'electron', whose index downloads the binary on demand (a network call).
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env): { path: string } | { reason: string } {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return existsSync(candidate) ? { path: candidate } : { reason: `ELECTRON_OVERRIDE_DIST_PATH has no binary at ${candidate}` };
  }
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: 'the Electron binary was never downloaded (its postinstall needs GitHub, unreachable here)' };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary is missing at ${binary}` };
}

/** Why a window should not be opened: CI or no display. Null when one can be. */
export function headlessReason(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.COMANDA_NO_WINDOW) return 'COMANDA_NO_WINDOW is set';
  if (env.CI) return 'running in CI';
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no display (DISPLAY/WAYLAND_DISPLAY unset)';
  return null;
}
