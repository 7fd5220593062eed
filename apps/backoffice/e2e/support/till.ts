import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVirtualPrinter, type VirtualPrinter } from '@comanda/printing/virtual-printer';
import { freePort, type Client } from '@comanda/sync-server/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startNodeHost, type NodeHost } from '../../../desktop/src/host/node/node-host';
import { createHostService } from '../../../desktop/src/host/service/host-service';
import { saveCounterPrinter } from '../../../desktop/e2e/support/till';

/** The till's renderer build (`pnpm e2e` builds it with the back office). */
export const TILL_DIST = fileURLToPath(new URL('../../../desktop/dist/renderer', import.meta.url));

/**
 * A real till next to the back office: the desktop app's Node host serving its built renderer,
 * opened in its own Chromium context, with one virtual ESC/POS printer (a real TCP server) set
 * up on the host for every station and the receipt. Not paired: the test pairs it as a person.
 */
export interface TillRig {
  host: NodeHost;
  page: Page;
  printer: VirtualPrinter;
  close(): Promise<void>;
}

export async function startTill(browser: Browser, viewport: { width: number; height: number }) {
  const dir = await mkdtemp(join(tmpdir(), 'comanda-backoffice-till-'));
  const service = createHostService({ dataDir: dir, host: 'node', version: '0.1.0-e2e' });
  const host = await startNodeHost({ service, staticDir: TILL_DIST, port: await freePort() });
  const printer = await startVirtualPrinter({ port: 0 });
  const saved = await saveCounterPrinter({ host }, printer.port);
  if (saved.status !== 200) throw new Error(`printers.save answered ${saved.status}`);
  const context: BrowserContext = await browser.newContext({ viewport, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(host.url);
  return {
    host,
    page,
    printer,
    async close() {
      await context.close().catch(() => undefined);
      await printer.close();
      await host.close();
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  } satisfies TillRig;
}

/**
 * Waits until the named till has pulled every document of `collection` the server holds for it
 * (the owner's sync health shows no lag), so what the back office just wrote is on the till.
 */
export async function waitTillCaughtUp(owner: Client, tillName: string, collection: string) {
  await expect
    .poll(
      async () => {
        const till = (await owner.owner.syncHealth.query()).find((d) => d.name === tillName);
        return till?.collections.find((c) => c.collection === collection)?.lag ?? -1;
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(0);
}

/**
 * Whether the till's IndexedDB holds a record mentioning `text` in a database of `collection`
 * (RxDB names one database per collection): written to disk, not only acknowledged by the server.
 */
export function tillStores(page: Page, collection: string, text: string): Promise<boolean> {
  return page.evaluate(
    async ({ collection, text }) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '');
      for (const name of names.filter((n) => n.includes(collection))) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(new Error(`cannot open ${name}`, { cause: open.error }));
        });
        try {
          for (const store of [...db.objectStoreNames]) {
            const all = await new Promise<unknown[]>((resolve, reject) => {
              const get = db.transaction(store, 'readonly').objectStore(store).getAll();
              get.onsuccess = () => resolve(get.result);
              get.onerror = () => reject(new Error(`cannot read ${store}`, { cause: get.error }));
            });
            if (all.some((record) => JSON.stringify(record).includes(text))) return true;
          }
        } finally {
          db.close();
        }
      }
      return false;
    },
    { collection, text },
  );
}
