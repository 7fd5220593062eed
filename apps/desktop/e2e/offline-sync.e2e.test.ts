import { computeOrderTotals, orderDocSchema, type OrderDoc } from '@comanda/core';
import { ticketLabel } from '@comanda/core/orders';
import { describe, expect, it } from 'vitest';
import { killBrowser, openTill } from './support/chromium.js';
import { addItem, historyTickets, payCash, poll, startTakeaway, waitSaved } from './support/cashier.js';
import { useTestShop } from './support/shop.js';
import { logInAndOpenShift, pairInPage, typePin, waitForPinPad } from './support/till.js';

const shop = useTestShop();

/** What the cashier's screen showed as "Saved" for one ticket: its line count and status then. */
interface SeenSaved {
  lines: number;
  status: 'open' | 'sent' | 'paid';
}

describe('offline till, end to end in Chromium, through the cashier screens', () => {
  it('SIGKILLed at each step of an order, it keeps every order it showed as saved exactly once, and the server gets each once', async () => {
    const seen = new Map<string, SeenSaved>();
    let { context, page } = await openTill(shop().profileDir, shop().host.url);
    await pairInPage(page, shop());
    await poll(() => page.getByTestId('sync-connection').getAttribute('data-state').catch(() => ''), 30_000).toBe('online');
    await waitForPinPad(page);

    // The server goes away; the till keeps selling.
    await shop().stopServer();
    await poll(() => page.getByTestId('sync-connection').getAttribute('data-state').catch(() => ''), 30_000).toBe('offline');
    await logInAndOpenShift(page, '1357');

    /** Power cut: SIGKILL the browser, start it on the same profile, log in again. */
    const crashAndRestart = async () => {
      await killBrowser(shop().profileDir, context);
      ({ context, page } = await openTill(shop().profileDir, shop().host.url));
      await waitForPinPad(page);
      // Restarted offline, the status bar tells the truth: offline since when, the last sync kept
      // from before the restart, no "initial sync" bar, no error for a network failure.
      await poll(() => page.getByTestId('sync-connection').innerText().catch(() => ''), 20_000).toMatch(/^Offline since \d{2}:\d{2}$/);
      expect(await page.getByTestId('sync-last').innerText()).toMatch(/^Last sync: \d{2}:\d{2}$/);
      expect(await page.getByTestId('sync-progress').count()).toBe(0);
      expect(await page.getByTestId('sync-error').count()).toBe(0);
      if (seen.size > 0) expect(await page.getByTestId('sync-unsynced').innerText()).toMatch(/— \d+ orders? waiting$/);
      await typePin(page, '1357');
      // The shift survived the crash: straight to a new order.
      await page.getByRole('button', { name: 'Takeaway', exact: true }).waitFor({ timeout: 20_000 });
      const tickets = await historyTickets(page, seen.size);
      for (const ticket of seen.keys()) expect(tickets.filter((t) => t === ticket), `ticket ${ticket}`).toHaveLength(1);
      expect(new Set(tickets).size, `tickets ${tickets.join(', ')}`).toBe(tickets.length);
    };

    // One whole order, paid.
    const first = await startTakeaway(page);
    await addItem(page, 'Boissons chaudes', /^Espresso/);
    await waitSaved(page, 1);
    await payCash(page);
    seen.set(first, { lines: 1, status: 'paid' });
    await page.getByRole('button', { name: 'Done' }).click();

    // Killed while an item is being added (the first one was shown saved).
    const second = await startTakeaway(page);
    await addItem(page, 'Boissons chaudes', /^Espresso/);
    await waitSaved(page, 1);
    seen.set(second, { lines: 1, status: 'open' });
    await addItem(page, 'Desserts', /^Tarte Tatin/);
    await crashAndRestart();

    // Killed while sending to the kitchen.
    const third = await startTakeaway(page);
    await addItem(page, 'Desserts', /^Tarte Tatin/);
    await waitSaved(page, 1);
    seen.set(third, { lines: 1, status: 'open' });
    await page.getByRole('button', { name: 'Send to kitchen' }).click();
    await crashAndRestart();

    // Killed while a cash payment is being taken.
    const fourth = await startTakeaway(page);
    await addItem(page, 'Boissons chaudes', /^Espresso/);
    await addItem(page, 'Desserts', /^Tarte Tatin/);
    await waitSaved(page, 2);
    seen.set(fourth, { lines: 2, status: 'open' });
    await payCash(page, false);
    await crashAndRestart();

    // Killed while an order is being opened: whether or not it was stored, no number is used twice.
    await page.getByRole('button', { name: 'Takeaway', exact: true }).click();
    await crashAndRestart();
    const last = await startTakeaway(page);
    expect(seen.has(last)).toBe(false);
    await addItem(page, 'Boissons chaudes', /^Espresso/);
    await waitSaved(page, 1);
    await payCash(page);
    seen.set(last, { lines: 1, status: 'paid' });
    await page.getByRole('button', { name: 'Done' }).click();
    const onTill = await historyTickets(page, seen.size);

    // The server returns: everything catches up by itself, and the status bar says so.
    await shop().startServer();
    await poll(() => page.getByTestId('sync-connection').getAttribute('data-state').catch(() => ''), 30_000).toBe('online');
    await poll(() => page.getByTestId('sync-unsynced').innerText().catch(() => ''), 60_000).toBe('All orders synced');

    // Exactly once, whole, with totals the server agrees with.
    const onServer: OrderDoc[] = (await shop().serverOrders()).map((raw) => orderDocSchema.parse(raw));
    expect(new Set(onServer.map((o) => o.id)).size).toBe(onServer.length);
    expect(onServer.map(ticketLabel).sort()).toEqual([...onTill].sort());
    // The till's code from pairing prefixes every ticket ("A-3"): unique in the branch and day.
    for (const ticket of onTill) expect(ticket).toMatch(/^[A-Z]{1,2}-\d+$/);
    for (const [ticket, saved] of seen) {
      const matches = onServer.filter((o) => ticketLabel(o) === ticket);
      expect(matches, `ticket ${ticket} on the server`).toHaveLength(1);
      const order = matches[0]!;
      // What was shown saved is there; a write in flight at the kill may have committed too.
      expect(order.lines.length).toBeGreaterThanOrEqual(saved.lines);
      if (saved.status === 'paid') expect(order.status).toBe('paid');
      expect(order.totals).toEqual(computeOrderTotals(order));
      expect(order.branchId).toBe(shop().branchId);
    }

    // A reload reads the acknowledgements back from IndexedDB: still nothing pending.
    await page.reload();
    await poll(() => page.getByTestId('sync-unsynced').innerText().catch(() => ''), 20_000).toBe('All orders synced');
    await context.close();
  });
});
