import { startVirtualPrinter, type PrintedDocument, type VirtualPrinter } from '@comanda/printing/virtual-printer';
import { afterAll, describe, expect, it } from 'vitest';
import { openTill } from './support/chromium.js';
import { useTestShop } from './support/shop.js';
import { logInAndOpenShift, pairInPage, saveCounterPrinter, typePin, waitForPinPad } from './support/till.js';

const shop = useTestShop();
let printer: VirtualPrinter | null = null;

afterAll(async () => {
  await printer?.close();
});

/** Waits for `count` more documents than `seen` and returns just the new ones. */
async function nextDocuments(p: VirtualPrinter, seen: number, count: number): Promise<PrintedDocument[]> {
  return (await p.waitForDocuments(seen + count, 20_000)).slice(seen);
}

describe('cashier extras in Chromium: barcode, bill, kitchen reprint, void a whole order', () => {
  it('scans a barcode, prints the bill, reprints the bar ticket and voids the sent order with VOID tickets', async () => {
    printer = await startVirtualPrinter({ port: 0 });
    const saved = await saveCounterPrinter(shop(), printer.port);
    expect(saved.status).toBe(200);
    const { context, page } = await openTill(shop().profileDir, shop().host.url);
    await pairInPage(page, shop());
    // Paired with the fr-FR branch, the till starts in French: no English on the lock screen.
    await page.getByRole('heading', { name: 'Saisissez votre code' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('status-bar').innerText()).not.toMatch(/Online|Offline|Last sync|Never synced/);
    await waitForPinPad(page);

    await logInAndOpenShift(page, '1357', 10000);
    await page.getByLabel('Table', { exact: true }).fill('8');
    await page.getByRole('button', { name: 'Dine in' }).click();
    await page.getByText('Ticket A-1 · Table 8').waitFor();

    // A keyboard-wedge scanner types the cola's EAN-13 (synced from the server's menu) and Enter.
    // The keys are dispatched in the page in one burst, as fast as a scanner types them: one
    // DevTools round trip per key can exceed the wedge's 40 ms gap on a loaded machine.
    await page.evaluate((code) => {
      (document.activeElement as HTMLElement | null)?.blur();
      for (const key of [...code, 'Enter']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }, '2000000000015');
    const cart = page.getByRole('list', { name: 'Order' });
    await cart.getByText('Cola 33 cl').waitFor();
    // The onion soup, from its category.
    await page.getByRole('button', { name: 'Entrées' }).click();
    await page.getByRole('button', { name: /^Soupe à l'oignon/ }).click();
    await cart.getByText(/^Soupe à l'oignon/).waitFor();

    // The bill (addition) before payment, on the receipt route.
    let seen = printer.documents.length;
    await page.getByRole('button', { name: 'Print bill' }).click();
    const [bill] = await nextDocuments(printer, seen, 1);
    // Printed in the branch's language (Paris: French).
    expect(bill!.text).toMatch(/BILL - NOT A RECEIPT|ADDITION - PAS UN REÇU/);
    expect(bill!.text).toMatch(/Cola 33 cl/);
    expect(bill!.text).toMatch(/Soupe/);

    // Send: one kitchen ticket (soup), one bar ticket (cola).
    seen = printer.documents.length;
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    const sent = await nextDocuments(printer, seen, 2);
    expect(sent.filter((d) => /Soupe/.test(d.text) && !/Cola/.test(d.text))).toHaveLength(1);
    expect(sent.filter((d) => /Cola/.test(d.text) && !/Soupe/.test(d.text))).toHaveLength(1);
    // On paper as on screen: the till's code and the number (unique in the branch and day).
    expect(sent.every((d) => d.text.includes('#A-1'))).toBe(true);

    // The bar lost its ticket: reprint it (only the bar's), marked REPRINT.
    seen = printer.documents.length;
    await page.getByRole('button', { name: 'Reprint Bar' }).click();
    const [reprint] = await nextDocuments(printer, seen, 1);
    expect(reprint!.text).toMatch(/REPRINT|RÉIMPRESSION/);
    expect(reprint!.text).toMatch(/Cola/);
    expect(reprint!.text).not.toMatch(/Soupe/);

    // The table leaves: void the whole order with a reason and the manager's PIN.
    seen = printer.documents.length;
    await page.getByRole('button', { name: 'Void order' }).click();
    const reason = page.getByRole('alertdialog', { name: 'Void ticket A-1' });
    await reason.getByLabel('Reason').fill('table left');
    await reason.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Manager approval' }).waitFor();
    await typePin(page, '2468');
    await page.getByText('Voided: table left').waitFor();
    const voids = await nextDocuments(printer, seen, 2);
    expect(voids.every((d) => /\*\*\* (VOID|ANNULÉ) \*\*\*/.test(d.text))).toBe(true);
    expect(voids.filter((d) => /Soupe/.test(d.text))).toHaveLength(1);
    expect(voids.filter((d) => /Cola/.test(d.text))).toHaveLength(1);
    await page.waitForTimeout(1500);
    expect(printer.documents).toHaveLength(seen + 2); // nothing printed twice

    // Gone from the open tabs.
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Open tabs' }).click();
    await page.getByText('No open tabs').waitFor();
    await context.close();
  });
});
