import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from '../src/launcher/browser.js';
import { RENDERER_DIR, TestShop } from './support/shop.js';
import { pairInPage } from './support/till.js';

const found = findElectron();
const skipReason = 'reason' in found ? `no Electron binary: ${found.reason}` : null;
const mainPath = join(import.meta.dirname, '..', 'dist', 'electron', 'main.cjs');

/**
 * The same offline flow in the Electron shell (app:// renderer, preload bridge, IPC host).
 * Skips, saying why, where the Electron binary could not be downloaded (as on this CI machine).
 */
describe.skipIf(skipReason !== null)(`offline till in Electron${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shop: TestShop;
  let dataDir: string;
  beforeAll(async () => {
    shop = await TestShop.create(RENDERER_DIR);
    dataDir = await mkdtemp(join(tmpdir(), 'comanda-electron-'));
  });
  afterAll(async () => {
    await shop?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('pairs over IPC, sells offline, restarts and syncs every order exactly once', async () => {
    const launch = () =>
      electron.launch({
        executablePath: 'path' in found ? found.path : '',
        args: [mainPath, `--user-data-dir=${join(dataDir, 'profile')}`],
        env: { ...process.env, COMANDA_DATA_DIR: join(dataDir, 'host') },
      });
    let app = await launch();
    let page = await app.firstWindow();
    await pairInPage(page, shop);
    await page.getByTestId('toggle-view').click();
    await expect.poll(() => page.getByTestId('menu-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    await shop.stopServer();
    await page.getByTestId('menu-item').nth(0).click();
    await page.getByTestId('charge').click();
    await expect.poll(() => page.getByTestId('order-saved').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/^Order #1 saved/);
    await app.close();

    app = await launch();
    page = await app.firstWindow();
    await page.getByTestId('toggle-view').click();
    await expect.poll(() => page.getByTestId('sync-unsynced').innerText().catch(() => ''), { timeout: 15_000 }).toBe('1 order not yet synced');
    await shop.startServer();
    await expect.poll(() => page.getByTestId('sync-unsynced').innerText().catch(() => ''), { timeout: 30_000 }).toBe('All orders synced');
    expect(await shop.serverOrders()).toHaveLength(1);
    await app.close();
  });
});
