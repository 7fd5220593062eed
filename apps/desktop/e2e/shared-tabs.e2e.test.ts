import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeHost, type NodeHost } from '../src/host/node/node-host.js';
import { createHostService } from '../src/host/service/host-service.js';
import { freePort } from '@comanda/sync-server/testing';
import { openTill } from './support/chromium.js';
import { addItem, orderLines, payCash, poll, startTakeaway, waitSaved } from './support/cashier.js';
import { RENDERER_DIR, useTestShop } from './support/shop.js';
import { logInAndOpenShift, pairInPage, waitForPinPad } from './support/till.js';

const shop = useTestShop();
const contexts: BrowserContext[] = [];
let hostB: NodeHost | null = null;
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await hostB?.close();
});

/** A till in its own Chromium profile, paired with the shop's server, shift open. */
async function pairedTill(name: string, url: string, pin: string) {
  const { context, page } = await openTill(join(shop().dir, `profile-${name}`), url);
  contexts.push(context);
  await pairInPage(page, shop());
  await poll(() => page.getByTestId('sync-connection').innerText().catch(() => ''), 30_000).toBe('Online');
  await waitForPinPad(page);
  await logInAndOpenShift(page, pin);
  return page;
}

describe('two tills of one branch share a tab, end to end in Chromium against one server', () => {
  it('a tab opened on A gets a line on B, A sees it; paid on B, it leaves A’s open tabs', async () => {
    // Till B: a second host (its own device settings) serving the same renderer.
    const service = createHostService({ dataDir: join(shop().dir, 'till-b'), host: 'node', version: '0.1.0-e2e' });
    hostB = await startNodeHost({ service, staticDir: RENDERER_DIR, port: await freePort() });
    const a = await pairedTill('a', shop().host.url, '1357');
    const b = await pairedTill('b', hostB.url, '1357');

    const ticket = await startTakeaway(a);
    expect(ticket).toMatch(/^A-\d+$/);
    await addItem(a, 'Boissons chaudes', /^Espresso/);
    await waitSaved(a, 1);

    // On B, the tab is in the open tabs with A's code, and A is shown on it (presence).
    await b.getByRole('button', { name: 'Open tabs', exact: true }).click();
    const row = b.getByRole('button', { name: new RegExp(`#${ticket} `) });
    await row.waitFor({ timeout: 30_000 });
    await poll(() => b.getByTestId('tab-presence').first().innerText().catch(() => ''), 30_000).toMatch(/Open on till A/);
    await row.click();
    await poll(() => orderLines(b).count(), 30_000).toBe(1);
    await addItem(b, 'Desserts', /^Tarte Tatin/);
    await waitSaved(b, 2);

    // A, still on the tab, sees B's line.
    await poll(() => orderLines(a).count(), 30_000).toBe(2);

    // Paid on B: A's open tabs no longer list it.
    await payCash(b);
    await a.getByRole('button', { name: 'Open tabs', exact: true }).click();
    await poll(() => a.getByRole('button', { name: new RegExp(`#${ticket} `) }).count(), 30_000).toBe(0);
    const onServer = (await shop().serverOrders()).find((o) => o.ticketCode === 'A' && `A-${String(o.ticketNumber)}` === ticket);
    expect(onServer?.status).toBe('paid');
    expect((onServer?.lines as unknown[]).length).toBe(2);
  });
});
