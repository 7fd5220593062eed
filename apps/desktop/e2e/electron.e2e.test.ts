import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectron } from '../src/launcher/browser.js';
import { RENDERER_DIR, TestShop } from './support/shop.js';
import { addItem, payCash, startTakeaway, waitSaved } from './support/cashier.js';
import { logInAndOpenShift, pairInPage, waitForPinPad } from './support/till.js';

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
    await waitForPinPad(page);

    await shop.stopServer();
    await logInAndOpenShift(page, '1357');
    await startTakeaway(page);
    await addItem(page, 'Boissons chaudes', /^Espresso/);
    await waitSaved(page, 1);
    await payCash(page);
    await app.close();

    app = await launch();
    page = await app.firstWindow();
    await expect.poll(() => page.getByTestId('sync-unsynced').innerText().catch(() => ''), { timeout: 15_000 }).toBe('1 order waiting');
    await shop.startServer();
    await expect.poll(() => page.getByTestId('sync-unsynced').innerText().catch(() => ''), { timeout: 30_000 }).toBe('All orders synced');
    expect(await shop.serverOrders()).toHaveLength(1);
    await app.close();
  });
});
