import { join } from 'node:path';
import { formatMoney } from '@comanda/core/money';
import { orderDocSchema, type OrderDoc } from '@comanda/core/orders';
import { buildZReport } from '@comanda/core/reports';
import { shiftDocSchema } from '@comanda/core/shifts';
import { overpaidAmount, ticketLabel } from '@comanda/core/orders';
import { ownerClient } from '@comanda/sync-server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { BRANCH_SCREENSHOTS, BranchShop, localOrderStates, type BranchTill } from './support/branch.js';
import type { WireDoc } from '../src/renderer/sync/sync-client.js';
import { addItem, historyTickets, orderLines, payCash, poll, savedBadge, startTakeaway, ticketOnScreen, waitSaved } from './support/cashier.js';
import { kitchenTickets } from './support/kitchen-tickets.js';
import { logInAndOpenShift, pairInPage, typePin, waitForPinPad } from './support/till.js';

/**
 * On demand (`COMANDA_E2E_BRANCH_HUB=1`; about 2½–4 minutes on a loaded 2-core machine; green in
 * 2 of 2 runs on 2026-12-03, see docs/sync-protocol.md). Every wait is for a condition, with
 * generous limits: the machine is shared.
 * `COMANDA_E2E_TRACE=<folder>` writes each till's console and tRPC requests there (support/trace.ts).
 */
const skipped = !process.env.COMANDA_E2E_BRANCH_HUB;

let shop: BranchShop;
beforeAll(async () => {
  if (skipped) return;
  shop = await BranchShop.create(['a', 'b']);
  step('processes started');
}, 300_000);
afterAll(async () => {
  await shop?.close();
});

const MANAGER_PIN = '2468';
/** The demo manager with that PIN, as the other till's presence names them. */
const MANAGER = 'Hugo Martin';
/** The code of the till that opened a ticket ("C-3" → "C"). */
const tillOf = (ticket: string) => ticket.split('-')[0]!;
const started = Date.now();
/** Where the time goes (the run's log): seconds since the file started. */
const step = (name: string) => console.log(`[branch-hub] ${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);
const state = (page: Page) => page.getByTestId('sync-connection').getAttribute('data-state').catch(() => '');
const shot = (page: Page, name: string) => page.screenshot({ path: join(BRANCH_SCREENSHOTS, `${name}.png`) });
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/** Pairs with the central server, opens a shift, then sets the branch hub in the Sync settings. */
async function setUpTill(till: BranchTill): Promise<void> {
  const { page } = till;
  await pairInPage(page, { serverUrl: shop.centralUrl, pairingCode: () => Promise.resolve(till.pairingCode) });
  await poll(() => state(page), 60_000).toBe('online');
  await waitForPinPad(page);
  await logInAndOpenShift(page, MANAGER_PIN);
  await nav(page, 'Sync');
  await poll(() => page.getByTestId('sync-route').getAttribute('data-via'), 30_000).toBe('server');
  await page.getByLabel('Branch hub URL').fill(`${shop.hubUrl}/`);
  await page.getByRole('button', { name: 'Save' }).click();
  await poll(() => page.getByTestId('sync-route').innerText(), 30_000).toBe('Syncing through the hub');
  await shot(page, `till-${till.name}-sync-settings`);
  await nav(page, 'Order');
}

/**
 * From the order screen: opens the tab `ticket` from the open tabs once it has `lines` lines. The
 * other till has it on screen: the row says which till, who and since when (presence, advisory).
 */
async function openTab(page: Page, ticket: string, lines: number, openOn: { till: string }): Promise<void> {
  await nav(page, 'Open tabs');
  const row = page.getByRole('button', { name: new RegExp(`#${ticket} `) });
  await row.waitFor({ timeout: 60_000 });
  const presence = row.getByTestId('tab-presence');
  const expected = new RegExp(`Open on till ${openOn.till} \\(.+\\) by ${MANAGER} since \\d{2}:\\d{2}$`);
  await poll(() => presence.innerText().catch(() => ''), 60_000).toMatch(expected);
  await row.click();
  await poll(() => orderLines(page).count(), 60_000).toBe(lines);
}

async function openTable(page: Page, table: string): Promise<string> {
  await page.getByLabel('Table', { exact: true }).fill(table);
  await page.getByRole('button', { name: 'Dine in', exact: true }).click();
  return ticketOnScreen(page);
}

async function sendToKitchen(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send to kitchen' }).click();
  await page.getByRole('button', { name: 'Send to kitchen' }).waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
  await page.getByText('Saved', { exact: true }).waitFor({ timeout: 20_000 });
}

/** A takeaway sold start to end: an espresso, sent to the bar, paid exact cash. */
async function sellAlone(page: Page): Promise<string> {
  const ticket = await startTakeaway(page);
  await addItem(page, 'Boissons chaudes', /^Espresso/);
  await waitSaved(page, 1);
  await sendToKitchen(page);
  await payCash(page);
  await page.getByRole('button', { name: 'Done' }).click();
  return ticket;
}

/** Closes the shift from the Shift screen and returns the Z report as the till shows it. */
async function closeShift(page: Page): Promise<string> {
  await nav(page, 'Shift');
  await page.getByLabel('Counted cash').fill('100.00');
  await page.getByRole('button', { name: 'Close shift (Z report)' }).click();
  const z = page.getByRole('heading', { name: 'Z report' });
  const variance = page.getByRole('alertdialog', { name: 'The count does not match' });
  await z.or(variance).first().waitFor({ timeout: 20_000 });
  if (await variance.isVisible()) {
    await variance.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Manager approval' }).waitFor();
    await typePin(page, MANAGER_PIN);
  }
  await z.waitFor({ timeout: 20_000 });
  return page.getByRole('article', { name: 'Z report' }).innerText();
}


describe.skipIf(skipped)('a branch as one: central server, hub and two tills, each its own process', () => {
  it('shares tables through the central server and the hub, sells alone, converges, and agrees on the Z reports and kitchen tickets', { timeout: 480_000 }, async () => {
    onTestFailed(async () => {
      console.error(shop.tails());
      for (const till of shop.tills) await shot(till.page, `failed-till-${till.name}`).catch(() => undefined);
    });
    const [tillA, tillB] = shop.tills as [BranchTill, BranchTill];
    const [a, b] = [tillA.page, tillB.page];
    await setUpTill(tillA);
    await setUpTill(tillB);

    step('tills set up');
    // Table 7 opened on A, lines added and sent to the kitchen on B.
    const table7 = await openTable(a, '7');
    await addItem(a, 'Boissons chaudes', /^Espresso/);
    await waitSaved(a, 1);
    await openTab(b, table7, 1, { till: tillOf(table7) });
    await addItem(b, 'Desserts', /^Tarte Tatin/);
    await waitSaved(b, 2);
    await sendToKitchen(b);
    await poll(() => orderLines(a).count(), 60_000).toBe(2);

    step('table shared');
    // Half paid on A, the rest on B once B sees A's payment: two payments, the order closes once.
    await a.getByRole('button', { name: 'Pay', exact: true }).click();
    await a.getByRole('tab', { name: 'Cash' }).click();
    await a.getByRole('button', { name: '1/2', exact: true }).click();
    await a.getByRole('button', { name: 'Exact' }).click();
    await a.getByRole('button', { name: /^Take / }).click();
    const remaining = a.getByText(/^Remaining /);
    await poll(() => remaining.innerText(), 20_000).not.toMatch(/€0\.00/);
    const dueAfterA = await remaining.innerText();
    await shot(a, 'till-a-half-paid');
    await a.getByRole('button', { name: 'Back', exact: true }).click();
    // B pays once its screen shows A's payment (the amount due halved).
    await poll(() => b.getByRole('button', { name: /^Exact cash / }).innerText(), 60_000).toContain(dueAfterA.replace('Remaining ', ''));
    await b.getByRole('button', { name: 'Pay', exact: true }).click();
    await poll(() => b.getByText(/^Remaining /).innerText(), 30_000).toBe(dueAfterA);
    await b.getByRole('tab', { name: 'Cash' }).click();
    await b.getByRole('button', { name: 'Exact' }).click();
    await b.getByRole('button', { name: /^Take / }).click();
    await b.getByText('Paid in full').first().waitFor({ timeout: 20_000 });
    await savedBadge(b).waitFor({ timeout: 20_000 });
    await shot(b, 'till-b-paid-rest');
    await b.getByRole('button', { name: 'Done' }).click();
    await nav(a, 'Open tabs');
    await poll(() => a.getByRole('button', { name: new RegExp(`#${table7} `) }).count(), 60_000).toBe(0);

    step('table paid on two tills');
    // The internet is cut (the central server is SIGKILLed): the tills share through the hub.
    await shop.central!.stop('SIGKILL');
    await nav(a, 'Order');
    const table8 = await openTable(b, '8');
    await addItem(b, 'Boissons chaudes', /^Espresso/);
    await waitSaved(b, 1);
    await openTab(a, table8, 1, { till: tillOf(table8) });
    await addItem(a, 'Desserts', /^Tarte Tatin/);
    await waitSaved(a, 2);
    await sendToKitchen(a);
    await payCash(a);
    await shot(a, 'till-a-paid-through-hub');
    await a.getByRole('button', { name: 'Done' }).click();
    // B, still on table 8, sees it paid through the hub and closes it.
    await b.getByRole('button', { name: 'Receipt and refunds' }).waitFor({ timeout: 60_000 });
    await b.getByRole('button', { name: 'Close', exact: true }).click();

    step('shared through the hub');
    // Table 9 opened on A and seen on B; both will pay it while cut off from each other.
    const table9 = await openTable(a, '9');
    await addItem(a, 'Boissons chaudes', /^Espresso/);
    await waitSaved(a, 1);
    await sendToKitchen(a);
    await openTab(b, table9, 1, { till: tillOf(table9) });

    step('table 9 on both tills');
    // The hub is SIGKILLed too: each till sells alone.
    await shop.hub!.stop('SIGKILL');
    await poll(() => state(a), 30_000).toBe('offline');
    await poll(() => state(b), 30_000).toBe('offline');
    // Both take the whole of table 9 at the same moment: neither can see the other's payment.
    await Promise.all([payCash(a), payCash(b)]);
    for (const page of [a, b]) await page.getByRole('button', { name: 'Done' }).click();
    const [aloneA, aloneB] = await Promise.all([sellAlone(a), sellAlone(b)]);
    await shot(b, 'till-b-alone');

    step('sold alone');
    // Everything back: the tills return to the hub, which catches the central server up.
    await Promise.all([shop.startCentral(), shop.startHub()]);
    for (const page of [a, b]) {
      await poll(() => state(page), 60_000).toBe('online');
      try {
        await poll(() => page.getByTestId('sync-unsynced').innerText().catch(() => ''), 60_000).toBe('All orders synced');
      } catch (error) {
        // Explain a count that does not clear: each waiting order here, on the hub and centrally.
        const explain = async () => {
          const [hub, central] = await Promise.all([shop.docs(shop.hubUrl, 'orders').catch(() => []), shop.docs(shop.centralUrl, 'orders').catch(() => [])]);
          const held = (docs: readonly WireDoc[], id: string) => {
            const d = docs.find((x) => x.id === id);
            return d ? `${String(d.status)} @${String(d.updatedAt)}` : 'absent';
          };
          for (const o of (await localOrderStates(page)).filter((x) => x.ackedAt === null || x.ackedAt < x.updatedAt)) {
            console.error(`[branch-hub] waiting on ${page === a ? 'A' : 'B'}: ${o.ticket} ${o.id} ${o.status} @${o.updatedAt}, acked @${o.ackedAt} | hub ${held(hub, o.id)} | central ${held(central, o.id)}`);
          }
        };
        await explain().catch((e: unknown) => console.error('[branch-hub] could not explain the waiting orders:', e));
        throw error;
      }
    }
    const tickets = [table7, table8, table9, aloneA, aloneB];
    const byTicket = (orders: OrderDoc[]) => new Map(orders.map((o) => [ticketLabel(o), o]));
    const ordersAt = async (url: string) => (await shop.docs(url, 'orders')).map((d) => orderDocSchema.parse(d));
    await poll(async () => [...byTicket(await ordersAt(shop.centralUrl)).keys()].sort(), 60_000).toEqual([...tickets].sort());
    // Each till pulls the other's orders once the hub's notice reaches it: slow on a loaded machine.
    for (const page of [a, b]) expect((await historyTickets(page, tickets.length, 90_000, true)).sort()).toEqual([...tickets].sort());

    // Table 9 holds both payments: A shows it paid twice and gives the difference back in cash.
    await a.getByRole('button', { name: 'History', exact: true }).click();
    await a.getByRole('button', { name: `Open ticket ${table9}` }).click();
    const overpaid = a.getByRole('alert').filter({ hasText: 'too much' });
    await poll(() => overpaid.innerText().catch(() => ''), 60_000).toMatch(/Paid €\d+\.\d{2} too much: two payments were taken at once\./);
    await shot(a, 'till-a-overpaid');
    await overpaid.getByRole('button', { name: /^Give €\d+\.\d{2} back in cash$/ }).click();
    // A refund needs a manager: signed in as one, the till may still ask for the PIN.
    const approval = a.getByRole('heading', { name: 'Manager approval' });
    await poll(async () => (await approval.isVisible()) || (await overpaid.count()) === 0, 30_000).toBe(true);
    if (await approval.isVisible()) await typePin(a, MANAGER_PIN);
    await overpaid.waitFor({ state: 'detached', timeout: 30_000 });
    await savedBadge(a).waitFor({ timeout: 20_000 });
    await nav(a, 'Order');
    await poll(async () => byTicket(await ordersAt(shop.centralUrl)).get(table9)?.refunds.length, 60_000).toBe(1);

    step('converged');
    // The shared table: two payments (one per till), paid once, totals to the cent.
    const central = byTicket(await ordersAt(shop.centralUrl));
    const shared = central.get(table7)!;
    expect(shared.status).toBe('paid');
    expect(shared.payments).toHaveLength(2);
    expect(new Set(shared.payments.map((p) => p.tillId)).size).toBe(2);
    expect(shared.payments.reduce((sum, p) => sum + p.amount, 0)).toBe(shared.totals.total);
    for (const ticket of tickets.filter((t) => t !== table9)) expect(central.get(ticket)?.status, ticket).toBe('paid');
    // Paid twice at once: both payments kept, one per till, the excess given back once.
    const twice = central.get(table9)!;
    expect(twice.payments.map((p) => p.amount)).toEqual([twice.totals.total, twice.totals.total]);
    expect(new Set(twice.payments.map((p) => p.tillId)).size).toBe(2);
    expect(twice.refunds.map((r) => [r.method, r.amount])).toEqual([['cash', twice.totals.total]]);
    expect(overpaidAmount(twice)).toBe(0);

    // Z reports: each till closes its shift; the central server's report endpoint, the hub's
    // documents and each till's screen agree to the cent.
    const zOnTill = { [tillA.name]: await closeShift(a), [tillB.name]: await closeShift(b) };
    await shot(a, 'till-a-z-report');
    await shot(b, 'till-b-z-report');
    const closedShifts = async (url: string) => (await shop.docs(url, 'shifts')).map((d) => shiftDocSchema.parse(d)).filter((s) => s.status === 'closed');
    await poll(async () => (await closedShifts(shop.centralUrl)).length, 60_000).toBe(2);
    await poll(async () => (await closedShifts(shop.hubUrl)).length, 60_000).toBe(2);
    const day = (await closedShifts(shop.centralUrl))[0]!.businessDay;
    const { client: owner } = await ownerClient(`${shop.centralUrl}/trpc`, shop.seeded.owner.email, shop.seeded.owner.password);
    const centralZ = await owner.reports.zReports.query({ range: { branchId: shop.branchId, from: day, to: day } });
    const hubOrders = await ordersAt(shop.hubUrl);
    const hubZ = (await closedShifts(shop.hubUrl)).map((s) => buildZReport(s, hubOrders.filter((o) => o.businessDay === s.businessDay)));
    expect(centralZ).toHaveLength(2);
    const eur = (n: number) => formatMoney(n, 'EUR', 'en-GB');
    // Each till's Z on screen is one of the server's, to the cent (sales, payments, cash expected).
    const shownBy = (report: (typeof centralZ)[number]) =>
      Object.keys(zOnTill).filter((till) => [report.grossSales, report.paymentsTotal, report.cash.expected].every((n) => zOnTill[till]!.includes(eur(n))));
    for (const report of centralZ) expect(hubZ.find((h) => h.shiftId === report.shiftId)).toEqual(report);
    expect(centralZ.map(shownBy).flat().sort()).toEqual([tillA.name, tillB.name]);
    // The money taken, less what was given back, is what was sold.
    const taken = centralZ.reduce((sum, r) => sum + r.paymentsTotal - r.refunds.total, 0);
    expect(taken).toBe([...central.values()].reduce((sum, o) => sum + o.totals.total, 0));

    step('Z reports agree');
    // Every kitchen ticket reached a printer exactly once (decoded from the printers' bytes).
    const printed = kitchenTickets([...tillA.printer.documents, ...tillB.printer.documents]);
    const keys = printed.map((p) => `${p.ticket}@${p.station}`);
    expect(new Set(keys).size, keys.join(', ')).toBe(keys.length);
    for (const ticket of tickets) expect(printed.some((p) => p.ticket === ticket), ticket).toBe(true);
    expect(kitchenTickets(tillB.printer.documents).map((p) => p.ticket)).toContain(table7);
    expect(kitchenTickets(tillA.printer.documents).map((p) => p.ticket)).toContain(table8);
    expect(kitchenTickets(tillA.printer.documents).map((p) => p.ticket)).toContain(table9);
  });
});
