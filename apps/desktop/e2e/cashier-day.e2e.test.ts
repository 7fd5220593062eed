import { formatMoney } from '@comanda/core/money';
import { orderDocSchema } from '@comanda/core/orders';
import { buildZReport } from '@comanda/core/reports';
import { shiftDocSchema } from '@comanda/core/shifts';
import { startVirtualPrinter } from '@comanda/printing/virtual-printer';
import { pairTill } from '@comanda/sync-server/testing';
import { describe, expect, it } from 'vitest';
import { axeProblems } from './support/axe.js';
import { openTill } from './support/chromium.js';
import { useTestShop } from './support/shop.js';
import { logInAndOpenShift, pairInPage, saveCounterPrinter, typePin, waitForPinPad } from './support/till.js';
import type { WireDoc } from '../src/renderer/sync/sync-client.js';
import { pullAll } from './support/pull.js';

const shop = useTestShop();


/** Every document of one collection of the branch as the server holds it (a separate observer device). */
async function serverDocs(collection: 'orders' | 'shifts'): Promise<WireDoc[]> {
  const credential = await pairTill(shop().server!, shop().orgId, shop().branchId, `e2e observer ${collection}`);
  return pullAll(shop().serverUrl, credential, collection);
}

describe("the cashier's day, offline, in Chromium", () => {
  it('runs a service with the server stopped: shift, order, kitchen, void, split payment, refund, X and Z', async () => {
    // A real TCP virtual printer, saved in the till's printer settings for every station.
    const printer = await startVirtualPrinter({ port: 0 });
    const saved = await saveCounterPrinter(shop(), printer.port);
    expect(saved.status).toBe(200);
    const { context, page } = await openTill(shop().profileDir, shop().host.url);
    await pairInPage(page, shop());
    await expect.poll(() => page.getByTestId('sync-connection').getAttribute('data-state').catch(() => ''), { timeout: 30_000 }).toBe('online');
    await waitForPinPad(page);

    await shop().stopServer();
    await expect.poll(() => page.getByTestId('sync-connection').getAttribute('data-state').catch(() => ''), { timeout: 30_000 }).toBe('offline');

    expect(await axeProblems(page)).toEqual([]);

    // Log in (Léa, cashier) and open the shift with a float of €100.
    await logInAndOpenShift(page, '1357', 10000);

    // Dine-in, table 12, 2 covers: a steak with modifiers and an espresso.
    await page.getByLabel('Table', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Dine in' }).click();
    await page.getByText('Ticket A-1 · Table 12').waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Plats' }).click();
    await page.getByRole('button', { name: /^Entrecôte/ }).click();
    const dialog = page.getByRole('dialog');
    // aria-disabled (still focusable): force the click to check the dialog refuses it.
    await dialog.getByRole('button', { name: /^Add/ }).click({ force: true });
    await dialog.getByRole('alert').waitFor(); // the rule (Cuisson) is named, nothing is added
    await dialog.getByLabel('À point').check();
    await dialog.getByLabel('Frites maison').check();
    await dialog.getByRole('button', { name: /^Add/ }).click();
    await page.getByRole('button', { name: 'Boissons chaudes' }).click();
    await page.getByRole('button', { name: /^Espresso/ }).first().click();
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    // The send printed, offline: a grill ticket with the steak and a bar ticket with the espresso.
    const tickets = await printer.waitForDocuments(2, 20_000);
    expect(tickets.filter((d) => /Entrec/.test(d.text) && !/Espresso/.test(d.text))).toHaveLength(1);
    expect(tickets.filter((d) => /Espresso/.test(d.text) && !/Entrec/.test(d.text))).toHaveLength(1);

    // A dessert course: announced on the re-send (only the new line), then fired.
    await page.getByRole('button', { name: 'Desserts' }).click();
    await page.getByRole('button', { name: /^Tarte Tatin/ }).click();
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    await page.getByRole('button', { name: 'Fire course 3' }).click();
    await page.getByRole('button', { name: 'Fire course 3' }).waitFor({ state: 'detached' });

    // Void the steak: it was sent, so a manager approves with a PIN.
    await page.getByRole('list', { name: 'Order' }).getByText(/^Entrecôte/).click();
    await page.getByRole('button', { name: 'Void', exact: true }).click();
    await page.getByLabel('Reason').fill('wrong table');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Manager approval' }).waitFor();
    await typePin(page, '2468');
    await page.getByRole('list', { name: 'Order' }).locator('del').first().waitFor();

    // Split payment: half by card, the rest in cash.
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await page.getByRole('tab', { name: 'Card' }).click();
    await page.getByRole('button', { name: '1/2' }).click();
    await page.getByLabel('Terminal reference').fill('AUTH-42');
    await page.getByRole('button', { name: /^Take / }).click();
    await page.getByRole('tab', { name: 'Cash' }).click();
    await page.getByRole('button', { name: 'Exact' }).click();
    await page.getByRole('button', { name: /^Take / }).click();
    await page.getByText('Paid in full').first().waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // Refund the espresso, approved by the manager.
    await page.getByRole('button', { name: 'Refund' }).click();
    await page.getByLabel('Espresso').fill('1');
    await page.getByLabel('Reason').fill('cold');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Refund' }).click();
    await page.getByRole('heading', { name: 'Manager approval' }).waitFor();
    await typePin(page, '2468');
    await page.getByText('Refunded').first().waitFor();
    await page.getByRole('button', { name: 'Done' }).click();

    // X report, then close with the counted cash → Z report.
    await page.getByRole('button', { name: 'Shift', exact: true }).click();
    await page.getByRole('button', { name: 'X report' }).click();
    await page.getByRole('heading', { name: 'X report' }).waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByLabel('Counted cash').fill('100.00');
    await page.getByRole('button', { name: 'Close shift (Z report)' }).click();
    // More than €5.00 from expected: confirmed, then approved by the manager's PIN.
    const variance = page.getByRole('alertdialog', { name: 'The count does not match' });
    expect(await variance.innerText()).toMatch(/Counted €100\.00, expected €[\d.,]+/);
    await variance.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Manager approval' }).waitFor();
    await typePin(page, '2468');
    await page.getByRole('heading', { name: 'Z report' }).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    const z = await page.getByRole('article', { name: 'Z report' }).innerText();
    expect(z).toContain('Card (1)');
    expect(z).toContain('Cash (1)');

    // The server comes back: the shift and its orders sync up, and the Z report the server builds
    // from what it holds (the core's buildZReport, as its reports endpoint does) is the till's.
    await shop().startServer();
    const closedOnServer = async () => {
      const shifts = (await serverDocs('shifts')).map((d) => shiftDocSchema.parse(d)).filter((s) => s.status === 'closed');
      const orders = (await serverDocs('orders')).map((d) => orderDocSchema.parse(d));
      return { shift: shifts[0], orders };
    };
    await expect
      .poll(async () => {
        const { shift, orders } = await closedOnServer();
        return shift !== undefined && orders.some((o) => o.refunds.length > 0);
      }, { timeout: 60_000, interval: 1000 })
      .toBe(true);
    const { shift, orders } = await closedOnServer();
    const serverZ = buildZReport(shift!, orders.filter((o) => o.tillId === shift!.tillId && o.businessDay === shift!.businessDay));
    const eur = (n: number) => formatMoney(n, 'EUR', 'en-GB');
    expect(serverZ.orderCount).toBe(1);
    expect(z).toContain(eur(serverZ.grossSales));
    expect(z).toContain(eur(serverZ.refunds.total));
    expect(z).toContain(eur(serverZ.cash.expected));
    expect(z).toContain(eur(serverZ.cash.overShort!));
    for (const p of serverZ.payments.filter((m) => m.count > 0)) expect(z).toContain(eur(p.amount));
    await context.close();
    await printer.close();
  });

  it('locks PIN entry after three wrong PINs', async () => {
    const { context, page } = await openTill(shop().profileDir, shop().host.url);
    await waitForPinPad(page);
    for (const pin of ['0000', '0001', '0002']) await typePin(page, pin);
    await page.getByText(/Too many wrong PINs\. Try again in \d+ s\./).waitFor();
    expect(await page.getByLabel('PIN', { exact: true }).isDisabled()).toBe(true);
    await context.close();
  });
});
