import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Opens the till in Chromium with a persistent profile (its IndexedDB survives restarts). */
export async function openTill(profileDir: string, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return { context, page };
}

/** Pid of the Chromium browser process using `profileDir` (not its renderer/GPU children). */
function browserPid(profileDir: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmdline.split('\0');
    if (args.includes(`--user-data-dir=${profileDir}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  return null;
}

/** SIGKILLs the browser as a power cut would: no unload handlers, no flush beyond what committed. */
export async function killBrowser(profileDir: string, context: BrowserContext): Promise<void> {
  const pid = browserPid(profileDir);
  if (pid === null) throw new Error(`No Chromium process for ${profileDir}`);
  process.kill(pid, 'SIGKILL');
  await context.close().catch(() => undefined);
  for (let i = 0; i < 50 && browserPid(profileDir) !== null; i++) await new Promise((r) => setTimeout(r, 100));
}
