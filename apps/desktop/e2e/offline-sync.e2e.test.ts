import { computeOrderTotals, orderDocSchema } from '@comanda/core';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { killBrowser, openTill } from './support/chromium.js';
import { useTestShop } from './support/shop.js';
import { pairInPage } from './support/till.js';

/** Polls a locator's text until it matches (the UI updates asynchronously). */
function textOf(locator: Locator, timeout = 15_000) {
  return expect.poll(() => locator.innerText({ timeout: 2000 }).catch(() => ''), { timeout, interval: 200 });
}
function countOf(locator: Locator, timeout = 15_000) {
  return expect.poll(() => locator.count(), { timeout, interval: 200 });
}

const shop = useTestShop();


async function chargeOrder(page: Page, itemIndexes: number[], ticket: number): Promise<string> {
  const items = page.getByTestId('menu-item');
  for (const i of itemIndexes) await items.nth(i).click();
  await page.getByTestId('charge').click();
  const saved = page.getByTestId('order-saved');
  const failed = page.getByTestId('order-error');
  const confirmed = saved.filter({ hasText: new RegExp(`^Order #${ticket} saved`) });
  await expect.poll(async () => (await failed.count()) + (await confirmed.count()), { timeout: 15_000 }).toBeGreaterThan(0);
  if ((await failed.count()) > 0) throw new Error(`The till refused the order: ${await failed.innerText()}`);
  const text = await saved.innerText();
  // Wait for the cart to clear so the next order starts empty.
  await countOf(page.getByTestId('cart-lines').locator('li')).toBe(0);
  return text;
}

describe('offline till, end to end in Chromium', () => {
  it('pairs, sells offline, survives a SIGKILL mid-order and syncs every order exactly once', async () => {
    let { context, page } = await openTill(shop().profileDir, shop().host.url);

    // Pair through the first-run screen.
    await pairInPage(page, shop());
    await textOf(page.getByTestId('sync-connection'), 20_000).toBe('Online');
    await page.getByTestId('toggle-view').click();
    await countOf(page.getByTestId('menu-item').first(), 20_000).toBeGreaterThan(0);
    await countOf(page.getByTestId('sync-progress'), 20_000).toBe(0);

    // The server goes away; the till keeps selling.
    await shop().stopServer();
    await textOf(page.getByTestId('sync-connection'), 30_000).toBe('Offline');
    const confirmations = [await chargeOrder(page, [0, 1], 1), await chargeOrder(page, [2], 2), await chargeOrder(page, [3, 3, 4], 3)];
    expect(confirmations.every((c) => /\(€\d+\.\d{2}\)$/.test(c))).toBe(true);
    await textOf(page.getByTestId('sync-unsynced')).toBe('3 orders not yet synced');

    // Mid-order: a cart being built and an order being charged when the power goes.
    await page.getByTestId('menu-item').nth(5).click();
    await page.getByTestId('menu-item').nth(6).click();
    await page.getByTestId('charge').click();
    await killBrowser(shop().profileDir, context);

    // Restart with the same profile: committed orders are there, the cart is gone.
    ({ context, page } = await openTill(shop().profileDir, shop().host.url));
    await page.getByTestId('toggle-view').click();
    await textOf(page.getByTestId('sync-connection'), 30_000).toBe('Offline');
    const recent = page.getByTestId('recent-orders').locator('li');
    await countOf(recent.first()).toBeGreaterThan(0);
    const tillOrderCount = await recent.count();
    expect([3, 4]).toContain(tillOrderCount);
    await countOf(page.getByTestId('cart-lines').locator('li')).toBe(0);
    await textOf(page.getByTestId('sync-unsynced')).toBe(`${tillOrderCount} orders not yet synced`);

    // The server returns: everything catches up by itself, and the status bar says so.
    await shop().startServer();
    await textOf(page.getByTestId('sync-connection'), 30_000).toBe('Online');
    await textOf(page.getByTestId('sync-unsynced'), 30_000).toBe('All orders synced');
    await textOf(page.getByTestId('sync-last')).not.toBe('Last sync: never');
    await countOf(recent.filter({ hasText: 'waiting to sync' })).toBe(0);

    // Exactly once, whole, with totals the server agrees with.
    const onServer = await shop().serverOrders();
    expect(onServer).toHaveLength(tillOrderCount);
    expect(new Set(onServer.map((o) => o.id)).size).toBe(tillOrderCount);
    const tickets = onServer.map((o) => o.ticketNumber as number).sort((a, b) => a - b);
    expect(tickets.slice(0, 3)).toEqual([1, 2, 3]);
    for (const raw of onServer) {
      const order = orderDocSchema.parse(raw);
      expect(order.lines.length).toBeGreaterThan(0);
      expect(order.totals).toEqual(computeOrderTotals(order));
      expect(order.totals.due).toBe(0);
      expect(order.branchId).toBe(shop().branchId);
    }
    const lineCounts = onServer.map((o) => (o.lines as unknown[]).length).sort();
    expect(lineCounts.slice(0, 3)).toEqual([1, 2, 2]);

    // A reload reads the acknowledgements back from IndexedDB: still nothing pending.
    await page.reload();
    await textOf(page.getByTestId('sync-unsynced'), 20_000).toBe('All orders synced');
    await context.close();
  });
});
