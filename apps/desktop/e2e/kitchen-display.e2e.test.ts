import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { computeOrderTotals, emptyOrderTotals, orderDocSchema, sendToKitchen, voidLine, type OrderContext, type OrderDoc } from '@comanda/core/orders';
import { buildDemoSeed } from '@comanda/core/demo';
import { freePort, pairTill } from '@comanda/sync-server/testing';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeHost, type NodeHost } from '../src/host/node/node-host.js';
import { createHostService } from '../src/host/service/host-service.js';
import { DeviceTokenSource } from '../src/renderer/sync/device-auth.js';
import { createPublicSyncClient, createSyncClient, type SyncClient } from '../src/renderer/sync/sync-client.js';
import { axeProblems } from './support/axe.js';
import { poll } from './support/cashier.js';
import { openTill } from './support/chromium.js';
import { RENDERER_DIR, useTestShop } from './support/shop.js';

/** Git-ignored (`.test-results/` is in .gitignore). */
const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', '..', '.test-results', 'kitchen');

const shop = useTestShop();
const contexts: BrowserContext[] = [];
const hosts: NodeHost[] = [];
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
  await Promise.all(hosts.map((h) => h.close().catch(() => undefined)));
});

/** A kitchen screen: its own host (device settings) and Chromium profile, paired as a kitchen screen. */
async function kitchenScreen(name: string, stations: string): Promise<Page> {
  const service = createHostService({ dataDir: join(shop().dir, `host-${name}`), host: 'node', version: '0.1.0-e2e' });
  const host = await startNodeHost({ service, staticDir: RENDERER_DIR, port: await freePort() });
  hosts.push(host);
  const { context, page } = await openTill(join(shop().dir, `profile-${name}`), host.url);
  contexts.push(context);
  await page.getByTestId('pair-url').fill(shop().serverUrl);
  await page.getByTestId('pair-code').fill(await shop().pairingCode());
  await page.getByTestId('pair-name').fill(name);
  await page.getByTestId('pair-kitchen').check();
  await page.getByTestId('pair-stations').fill(stations);
  await page.getByTestId('pair-submit').click();
  await page.getByTestId('kitchen-display').waitFor({ timeout: 30_000 });
  return page;
}

/** The till's side, as a paired device pushing what core's `sendToKitchen` and `voidLine` make. */
async function tillDevice(): Promise<{ client: SyncClient; push: (before: OrderDoc | null, after: OrderDoc) => Promise<void> }> {
  const credential = await pairTill(shop().server!, shop().orgId, shop().branchId, 'e2e till');
  const tokens = new DeviceTokenSource(createPublicSyncClient(shop().serverUrl), credential);
  const client = createSyncClient(shop().serverUrl, () => tokens.get());
  return {
    client,
    async push(before, after) {
      const conflicts = await client.push('orders', [{ assumedMasterState: before ? { ...before, _deleted: false } : null, newDocumentState: { ...after, _deleted: false } }]);
      expect(conflicts).toEqual([]);
    },
  };
}

function twoStationOrder(ctx: OrderContext): OrderDoc {
  const line = (id: string, name: string, stationId: string, quantity: number) => ({
    id: `line-${id}`,
    itemId: id,
    name,
    unitPrice: 1500,
    taxClassId: 'food',
    taxRateBasisPoints: 1000,
    taxInclusive: true,
    stationId,
    quantity,
    addedAt: ctx.at,
    addedBy: ctx.by,
  });
  const draft = orderDocSchema.parse({
    id: 'kds-order-1',
    schemaVersion: 2,
    branchId: shop().branchId,
    updatedAt: ctx.at,
    tillId: 'e2e-till',
    businessDay: '2026-11-23',
    ticketNumber: 42,
    ticketCode: 'Z',
    type: 'dineIn',
    table: '12',
    status: 'open',
    currency: 'EUR',
    createdAt: ctx.at,
    createdBy: ctx.by,
    lines: [{ ...line('entrecote', 'Entrecôte', 'grill', 2), notes: 'sauce à part' }, line('soupe', 'Soupe à l’oignon', 'kitchen', 1)],
    totals: emptyOrderTotals(),
  });
  return sendToKitchen({ ...draft, totals: computeOrderTotals(draft) }, ctx);
}

const cards = (page: Page) => page.getByTestId('kitchen-card');

describe('kitchen display, end to end: a till, two station screens and expo against one server', () => {
  it('tickets reach their stations; bump, recall, a void struck through, expo green; axe; screenshots', async () => {
    const grill = await kitchenScreen('grill', 'grill');
    const kitchen = await kitchenScreen('kitchen', 'kitchen');
    const expo = await kitchenScreen('expo', '');
    const till = await tillDevice();
    let n = 0;
    const ctx = (): OrderContext => ({ at: Date.now(), by: 'staff-e2e', newId: () => `kds-${Date.now()}-${++n}` });

    const sent = twoStationOrder(ctx());
    await till.push(null, sent);
    await poll(() => cards(grill).count(), 30_000).toBe(1);
    await poll(() => cards(kitchen).count(), 30_000).toBe(1);
    await expect(cards(grill).first().innerText()).resolves.toMatch(/Z-42[\s\S]*Table 12[\s\S]*2 × Entrecôte[\s\S]*sauce à part/);
    await expect(cards(kitchen).first().innerText()).resolves.toMatch(/1 × Soupe/);
    await poll(() => expo.getByTestId('expo-card').getAttribute('data-complete'), 30_000).toBe('false');

    expect(await axeProblems(grill)).toEqual([]);
    expect(await axeProblems(expo)).toEqual([]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 800 }]) {
      await grill.setViewportSize(size);
      await grill.screenshot({ path: join(SCREENSHOT_DIR, `station-${size.width}x${size.height}.png`) });
      await expo.setViewportSize(size);
      await expo.screenshot({ path: join(SCREENSHOT_DIR, `expo-${size.width}x${size.height}.png`) });
    }

    // A void after the send strikes the unit on the grill's screen.
    const manager = buildDemoSeed(0).staff.find((s) => s.role === 'manager' && s.branchIds.includes(shop().branchId))!;
    const voided = voidLine(sent, { lineId: 'line-entrecote', quantity: 1, approvedBy: manager.id }, ctx());
    await till.push(sent, voided);
    await poll(() => grill.getByTestId('kitchen-line').first().getAttribute('data-struck'), 30_000).toBe('some');

    // Grill: key 1 picks the ticket, 1 again starts it; the same twice more makes it ready (it leaves).
    await grill.keyboard.press('1');
    await grill.keyboard.press('1');
    await poll(() => cards(grill).first().getAttribute('data-status'), 30_000).toBe('preparing');
    await grill.keyboard.press('1');
    await grill.keyboard.press('1');
    await poll(() => cards(grill).count(), 30_000).toBe(0);
    // Recall brings it back; a bump bar's arrow and Enter bump it again.
    await grill.getByTestId('kitchen-recall').click();
    await poll(() => cards(grill).count(), 30_000).toBe(1);
    await poll(() => cards(grill).first().getAttribute('data-status'), 30_000).toBe('preparing');
    await grill.keyboard.press('ArrowRight');
    await grill.keyboard.press('Enter');
    await poll(() => cards(grill).count(), 30_000).toBe(0);
    await poll(() => expo.getByTestId('expo-station').first().getAttribute('data-status'), 30_000).toBe('ready');
    await poll(() => expo.getByTestId('expo-card').getAttribute('data-complete'), 30_000).toBe('false');

    // Kitchen by touch: start, ready. Expo turns green.
    await cards(kitchen).first().getByTestId('kitchen-bump').click();
    await poll(() => cards(kitchen).first().getAttribute('data-status'), 30_000).toBe('preparing');
    await cards(kitchen).first().getByTestId('kitchen-bump').click();
    await poll(() => expo.getByTestId('expo-card').getAttribute('data-complete'), 30_000).toBe('true');

    // Every bump reached the server, from both screens.
    const stored = orderDocSchema.parse((await shop().serverOrders()).find((o) => o.id === sent.id));
    expect(stored.kitchenBumps.filter((b) => b.kind === 'bump').map((b) => b.stationId).sort()).toEqual(['grill', 'grill', 'grill', 'kitchen', 'kitchen']);
    expect(stored.kitchenBumps.filter((b) => b.kind === 'recall')).toHaveLength(1);
    // The till's order, pulled, is not waiting to sync on any screen (expo never edited it; the
    // station screens' bumps were acknowledged).
    for (const screen of [expo, grill, kitchen]) await poll(() => screen.getByTestId('sync-unsynced').innerText().catch(() => ''), 30_000).toBe('All orders synced');
  });
});
