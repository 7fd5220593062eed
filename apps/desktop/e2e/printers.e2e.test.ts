import { startVirtualPrinter, type VirtualPrinter } from '@comanda/printing/virtual-printer';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { axeProblems } from './support/axe.js';
import { openTill } from './support/chromium.js';
import { useTestShop } from './support/shop.js';
import { logInAndOpenShift, pairInPage, waitForPinPad } from './support/till.js';

const shop = useTestShop();
const printers: VirtualPrinter[] = [];

afterAll(async () => {
  for (const p of printers) await p.close();
});

async function addPrinter(page: Page, name: string, port: number, stations: string[]) {
  await page.getByRole('button', { name: 'Add printer' }).click();
  const dialog = page.getByRole('dialog', { name: 'New printer' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Address (IP or host name)').fill('127.0.0.1');
  await dialog.getByLabel('Port').fill(String(port));
  for (const s of stations)
    await dialog.getByRole('group', { name: 'Prints' }).getByLabel(s, { exact: true }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('listitem', { name }).waitFor();
}

const espressoTickets = (p: VirtualPrinter) => p.documents.filter((d) => /Espresso/i.test(d.text));

describe('printer settings and the print queue, in Chromium against the Node host', () => {
  it('a manager adds printers, prints a test page, and re-routes a failed kitchen send that then prints exactly once', async () => {
    const pass = await startVirtualPrinter({ port: 0 });
    const spare = await startVirtualPrinter({ port: 0 });
    printers.push(pass, spare);
    const { context, page } = await openTill(shop().profileDir, shop().host.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    await pairInPage(page, shop());
    await waitForPinPad(page);

    // Hugo (manager) opens the shift, then sets up the printers.
    await logInAndOpenShift(page, '2468', 10000);
    await page.getByRole('navigation').getByRole('button', { name: 'Printers' }).click();
    await page.getByRole('heading', { name: 'Printers', level: 1 }).waitFor();
    // The branch's own printers (pulled from the server) are listed, read-only on this till.
    await page
      .getByRole('listitem', { name: 'bar-printer' })
      .getByText(/Set up on the server/)
      .waitFor();

    // A mistake is named next to its field, and nothing is saved.
    await page.getByRole('button', { name: 'Add printer' }).click();
    const dialog = page.getByRole('dialog', { name: 'New printer' });
    await dialog.getByLabel('Name', { exact: true }).fill('Pass');
    await dialog.getByLabel('Address (IP or host name)').fill('not a host!');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(/Enter the printer’s IP address/).waitFor();
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await addPrinter(page, 'Pass', pass.port, ['Kitchen', 'Bar']);
    await addPrinter(page, 'Spare', spare.port, []);
    const passCard = page.getByRole('listitem', { name: 'Pass' });
    await passCard.getByText('online').waitFor({ timeout: 10_000 });

    await passCard.getByRole('button', { name: 'Print test page on Pass' }).click();
    await passCard.getByText(/Test page printed on Pass/).waitFor();
    const [testPage] = await pass.waitForDocuments(1, 10_000);
    expect(testPage!.text).toContain('TEST PAGE');
    expect(testPage!.text).toContain('Pass');
    expect(testPage!.text).toContain('Ελληνικά');
    expect(testPage!.complete).toBe(true);
    expect(await axeProblems(page)).toEqual([]);

    // The pass printer goes off; its status says so.
    await pass.setFault({ down: true });
    await passCard.getByRole('button', { name: 'Check status of Pass' }).click();
    await passCard.getByText('offline', { exact: true }).waitFor();

    // A kitchen send: the espresso's bar ticket cannot print.
    await page.getByRole('navigation').getByRole('button', { name: 'Order' }).click();
    await page.getByLabel('Table', { exact: true }).fill('7');
    await page.getByRole('button', { name: 'Dine in' }).click();
    await page.getByRole('button', { name: 'Boissons chaudes' }).click();
    await page
      .getByRole('button', { name: /^Espresso/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();

    // The header's printer status leads to the queue, where the ticket shows as failed on Pass.
    const badge = page.locator('header.cmd-topbar .cmd-badge-button');
    await expect
      .poll(() => badge.innerText().catch(() => ''), { timeout: 20_000 })
      .toMatch(/Printer Pass: offline/);
    await badge.click();
    await page.getByRole('heading', { name: 'Print queue' }).waitFor();
    const onPass = page.getByRole('list', { name: 'Pass' });
    const job = onPass.getByRole('listitem').first();
    await job.getByText('Failed', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await axeProblems(page)).toEqual([]);

    await job.getByLabel('Send Bar tickets to').selectOption({ label: 'Spare' });
    await job.getByRole('button', { name: 'Re-route' }).click();
    await page.getByText('Bar tickets now print on Spare').waitFor();
    const [onSpare] = await spare.waitForDocuments(1, 15_000);
    expect(onSpare!.text).toMatch(/Espresso/i);
    expect(onSpare!.text).toMatch(/Pass/); // "re-routed from Pass" on the ticket
    await page
      .getByRole('list', { name: 'Recently printed' })
      .getByText('Printed', { exact: true })
      .first()
      .waitFor();

    // Pass comes back: nothing prints twice, on either printer.
    await pass.setFault({ down: false });
    await new Promise((r) => setTimeout(r, 3000));
    expect(espressoTickets(spare)).toHaveLength(1);
    expect(espressoTickets(pass)).toHaveLength(0);
    await context.close();
  });
});
