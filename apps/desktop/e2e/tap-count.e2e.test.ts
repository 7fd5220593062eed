import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { orderLines, poll, savedBadge } from './support/cashier.js';
import { openTill } from './support/chromium.js';
import { useTestShop } from './support/shop.js';
import { logInAndOpenShift, pairInPage, waitForPinPad } from './support/till.js';

const shop = useTestShop();

/**
 * Counts the taps the cashier makes: every trusted pointerdown on the page (Playwright's clicks are
 * real input events) and, apart, the keys typed. Installed after login, so the PIN is not counted.
 */
async function startCounting(page: Page): Promise<() => Promise<{ taps: number; keys: number }>> {
  await page.evaluate(() => {
    const w = window as unknown as { __taps: number; __keys: number; __counting?: true };
    w.__taps = 0;
    w.__keys = 0;
    if (w.__counting) return; // listening already: the counters restart from 0
    w.__counting = true;
    document.addEventListener('pointerdown', (e) => e.isTrusted && w.__taps++, true);
    document.addEventListener('keydown', (e) => e.isTrusted && w.__keys++, true);
  });
  return () => page.evaluate(() => ({ taps: (window as unknown as { __taps: number }).__taps, keys: (window as unknown as { __keys: number }).__keys }));
}

const tap = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' }).first().click();

describe('taps a cashier needs, counted in Chromium', () => {
  it('a two-item takeaway paid by card in at most 6 taps; a five-item table with options, two fires and a dessert in at most 20', async () => {
    const { context, page } = await openTill(shop().profileDir, shop().host.url);
    await pairInPage(page, shop());
    await waitForPinPad(page);
    await logInAndOpenShift(page, '1357', 10000);
    await page.getByRole('button', { name: 'Takeaway', exact: true }).waitFor();

    // 1. Soup and a cola to take away, paid by card. The first item tap starts the order.
    let count = await startCounting(page);
    await tap(page, /^Soupe à l'oignon/); // Entrées is the category on screen
    await tap(page, 'Softs');
    await tap(page, /^Cola 33 cl/);
    await poll(() => orderLines(page).count()).toBe(2);
    await tap(page, /^Card /);
    await page.getByText('Paid in full').first().waitFor();
    await tap(page, 'Done');
    await page.getByRole('button', { name: 'Takeaway', exact: true }).waitFor();
    const takeaway = await count();
    console.log(`taps: two-item takeaway paid by card: ${takeaway.taps} taps, ${takeaway.keys} keys (was 14–16)`);
    expect(takeaway.taps).toBeLessThanOrEqual(6);
    expect(takeaway.keys).toBe(0);

    // 2. Table 12: two starters, two steaks with their options, sent; mains fired; a dessert, fired.
    count = await startCounting(page);
    await page.getByLabel('Table', { exact: true }).click();
    await page.keyboard.type('12');
    await tap(page, 'Dine in');
    await page.getByText('Ticket A-2 · Table 12').waitFor();
    await tap(page, 'Entrées');
    await tap(page, /^Soupe à l'oignon/);
    await tap(page, /^Œuf mayonnaise/);
    await tap(page, 'Plats');
    const dialog = page.getByRole('dialog');
    for (const [item, doneness, side] of [
      [/^Entrecôte/, 'Saignant', 'Frites maison'],
      [/^Bavette/, 'À point', 'Salade verte'],
    ] as const) {
      await tap(page, item);
      await dialog.getByLabel(doneness).click();
      await dialog.getByLabel(side).click();
      await dialog.getByRole('button', { name: /^Add/ }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await poll(() => orderLines(page).count()).toBe(4);
    await tap(page, 'Send to kitchen');
    await tap(page, 'Fire course 2');
    await page.getByRole('button', { name: 'Fire course 2' }).waitFor({ state: 'detached' });
    await tap(page, 'Desserts');
    await tap(page, /^Crème brûlée/);
    await tap(page, 'Send to kitchen');
    await tap(page, 'Fire course 3');
    await page.getByRole('button', { name: 'Fire course 3' }).waitFor({ state: 'detached' });
    await savedBadge(page).waitFor();
    const table = await count();
    console.log(`taps: five-item table with options, two course fires and a dessert: ${table.taps} taps, ${table.keys} keys for the table number (was 34)`);
    expect(await orderLines(page).count()).toBe(5);
    expect(table.taps).toBeLessThanOrEqual(20);
    await context.close();
  });
});
