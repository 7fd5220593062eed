import { describe, expect, it } from 'vitest';
import { axeProblems } from './support/axe.js';
import { addItem, orderLines, poll } from './support/cashier.js';
import { openTill } from './support/chromium.js';
import { checkScreenAtEverySize, SCREEN_SIZES, SCREENSHOT_DIR, type LayoutReport } from './support/layout.js';
import { useTestShop } from './support/shop.js';
import { pairInPage, typePin, waitForPinPad } from './support/till.js';

const shop = useTestShop();

describe('the till on a counter screen: every screen fits from 1024×768 to 1920×1080', () => {
  it('has no page scroll, keeps the primary actions on screen and every button at least 44 px', async () => {
    const { context, page } = await openTill(shop().profileDir, shop().host.url);
    await pairInPage(page, shop());
    await waitForPinPad(page);
    const problems: Record<string, LayoutReport> = {};
    const accessibility: Record<string, string[]> = {};
    const check = async (screen: string, primary: Parameters<typeof checkScreenAtEverySize>[2]) => {
      Object.assign(problems, await checkScreenAtEverySize(page, screen, primary));
      // Scrolling panes must stay reachable by keyboard (axe: scrollable-region-focusable), at the smallest size.
      await page.setViewportSize(SCREEN_SIZES[0]);
      const found = await axeProblems(page);
      if (found.length > 0) accessibility[screen] = found;
    };
    const button = (name: string | RegExp, exact = typeof name === 'string') => page.getByRole('button', { name, exact }).first();

    await check('pin', () => [button('1'), button('0')]);

    // The manager (every screen, Printers included).
    await typePin(page, '2468');
    await page.getByRole('heading', { name: 'Open the shift' }).waitFor();
    await check('open-shift', () => [button('Open shift')]);
    await page.getByLabel('Opening float').fill('100.00');
    await button('Open shift').click();

    await button('Takeaway').waitFor();
    await check('order-empty', () => [button('Takeaway'), button('Dine in')]);

    // Six different items, tapped with no order open: the first tap starts a takeaway.
    const items = { Entrées: [/^Soupe/, /^Œuf/, /^Tartare/], Desserts: [/^Crème brûlée/, /^Tarte Tatin/, /^Mousse/] };
    for (const [category, names] of Object.entries(items)) for (const name of names) await addItem(page, category, name);
    await poll(() => orderLines(page).count()).toBe(6);
    await page.getByText('Saved', { exact: true }).waitFor();
    const orderActions = () => [button('Send to kitchen'), button('Pay'), button(/^Exact cash/, false), button(/^Card /, false), button('Void order')];
    await check('order-6-lines', orderActions);

    // Twelve lines: still no page scroll, the cart scrolls in its pane.
    for (const name of [/^Eau plate/, /^Eau gazeuse/, /^Citronnade/, /^Cola/, /^Jus/, /^Coupe de champagne/]) {
      await addItem(page, name.source.includes('champagne') ? 'Vins' : 'Softs', name);
    }
    await poll(() => orderLines(page).count()).toBe(12);
    await check('order-many-lines', orderActions);

    await button('Pay').click();
    await page.getByRole('button', { name: /^Take / }).waitFor();
    await check('payment', () => [page.getByRole('button', { name: /^Take / }), button('Back'), page.getByRole('tab', { name: 'Cash' })]);
    await button('Back').click();

    const nav = page.getByRole('navigation', { name: 'Till sections' });
    for (const [tab, screen] of [
      ['Open tabs', 'open-tabs'],
      ['History', 'history'],
      ['Shift', 'shift'],
      ['Print queue', 'print-queue'],
      ['Printers', 'printers'],
    ] as const) {
      await nav.getByRole('button', { name: tab, exact: true }).click();
      await page.waitForTimeout(300);
      await check(screen, () => [nav.getByRole('button', { name: 'Order', exact: true })]);
    }

    // In French (the Paris branch's language) the labels are longer: the order screen still fits.
    await page.getByLabel('Language').selectOption('fr');
    await page.locator('nav.cmd-nav button').first().click();
    await page.locator('.cmd-pay-bar').waitFor();
    await check('order-fr', () => [...[0, 1, 2].map((i) => page.locator('.cmd-pay-bar .cmd-btn').nth(i)), page.locator('.cmd-order > .cmd-actions .cmd-btn-primary')]);

    console.log(`layout: ${Object.keys(problems).length} problem(s) over ${SCREEN_SIZES.length} sizes; screenshots in ${SCREENSHOT_DIR}`);
    expect(problems).toEqual({});
    expect(accessibility).toEqual({});
    await context.close();
  });
});
