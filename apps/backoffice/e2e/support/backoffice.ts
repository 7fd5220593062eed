import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  deviceClient,
  ENGINES,
  startWithOwner,
  type Client,
  type Engine,
  type TestServer,
} from '@comanda/sync-server/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeProblems } from '../../../desktop/e2e/support/axe';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../desktop/e2e/support/chromium';

export { axeProblems };

/** The built app (`pnpm e2e` builds it first). */
export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

export const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  tablet: { width: 820, height: 1180 },
} as const;

/**
 * The database the suite's server runs on: PGlite by default (`npm test`), or a real Postgres
 * started by the test helpers with `COMANDA_E2E_DB=postgres`.
 */
export function e2eEngine(): Engine {
  const engine = process.env.COMANDA_E2E_DB ?? 'pglite';
  if (!(ENGINES as readonly string[]).includes(engine))
    throw new Error(`COMANDA_E2E_DB must be one of ${ENGINES.join(', ')}, not "${engine}"`);
  return engine as Engine;
}

/** A sync server (see {@link e2eEngine}) serving the built back office, the demo org seeded, and Chromium. */
export interface Rig {
  server: TestServer;
  /** The demo owner, signed in through the API (to read back what the screens did). */
  owner: Client;
  browser: Browser;
  page: Page;
  shots: string;
  /** Messages of CSP violations and page errors seen so far (there must be none). */
  pageErrors: string[];
  /**
   * Checks the screen shown (the back office's unless told) with axe (no serious or critical
   * violation), then photographs it at both widths; `close()` lists the files.
   */
  screen(name: string, page?: Page): Promise<void>;
  close(): Promise<void>;
}

export async function startRig(): Promise<Rig> {
  const { server, owner } = await startWithOwner(e2eEngine(), {
    backofficeDir: DIST,
    authRateLimit: 1000,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORTS.laptop, locale: 'en-GB' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
      pageErrors.push(m.text());
  });
  const shots = await mkdtemp(join(tmpdir(), 'comanda-backoffice-shots-'));
  const shotFiles: string[] = [];
  const rig: Rig = {
    server,
    owner,
    browser,
    page,
    shots,
    pageErrors,
    async screen(name, shown = page) {
      expect(await axeProblems(shown), `axe on ${name}`).toEqual([]);
      shotFiles.push(...(await screenshots(rig, name, shown)));
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      if (shotFiles.length) console.log(`screenshots:\n  ${shotFiles.join('\n  ')}`);
    },
  };
  return rig;
}

/** Every document of a collection a till sees, as `sync.pull` pages them. */
export async function pullAll(till: Client, collection: string) {
  const docs = new Map<string, Record<string, unknown> & { id: string }>();
  let checkpoint: { txid: string; id: string } | null = null;
  for (;;) {
    const page = await till.sync.pull.query({ collection, checkpoint, limit: 50 });
    for (const d of page.documents) docs.set(d.id, d);
    checkpoint = page.checkpoint;
    if (page.documents.length < 50) return docs;
  }
}

/** A till client from a device credential (what `auth.pair` returned). */
export async function tillOf(
  server: TestServer,
  credential: { deviceId: string; deviceSecret: string },
) {
  return (await deviceClient(server.trpcUrl, credential)).client;
}

/** Saves a screenshot of a page (the back office's unless told) at both widths; returns the files. */
export async function screenshots(
  rig: Rig,
  name: string,
  page: Page = rig.page,
): Promise<string[]> {
  const files: string[] = [];
  const before = page.viewportSize() ?? VIEWPORTS.laptop;
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    const file = join(rig.shots, `${name}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await page.setViewportSize(before);
  return files;
}

/** Signs the demo owner in through the sign-in screen and waits for the dashboard. */
export async function signInAsOwner(rig: Rig): Promise<void> {
  await rig.page.goto(rig.server.url);
  await rig.page.getByLabel('Email').fill(rig.server.demo.owner.email);
  await rig.page.getByLabel('Password').fill(rig.server.demo.owner.password);
  await rig.page.getByRole('button', { name: 'Sign in' }).click();
  await rig.page.getByRole('heading', { level: 1, name: /Dashboard/ }).waitFor();
}
