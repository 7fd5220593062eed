import { businessDayOf, receiptLogoSchema } from '@comanda/core';
import { formatMoney } from '@comanda/core/money';
import type { Client } from '@comanda/sync-server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addItem, payCash, startTakeaway } from '../../desktop/e2e/support/cashier';
import { typePin, waitForPinPad } from '../../desktop/e2e/support/till';
import { signInAsOwner, startRig, VIEWPORTS, type Rig } from './support/backoffice';
import { startTill, tillStores, waitTillCaughtUp, type TillRig } from './support/till';

const TILL_NAME = 'Comptoir e2e';
// Four digits, like every PIN of the demo staff, so the pad submits at four both before and after
// the cashier exists (longer PINs: core `pinPadLengths`, tested in login-screen.test.tsx).
const NEW_CASHIER = { name: 'Inès Dupont', pin: '7305' };
const MANAGER_PIN = '2468';

/**
 * From the back office into a real till: the owner works in Chromium on the sync server's back
 * office while a till (the desktop app's Node host and built renderer, in another Chromium
 * context, printing to a virtual ESC/POS printer over TCP) is paired to the same server. One
 * server, one till and one printer for the whole file; the flows run in order, as a day would.
 */
describe('back office into the till', () => {
  let rig: Rig;
  let bo: Page;
  let till: TillRig;
  let tillPage: Page;
  let owner: Client;
  let branchId: string;

  beforeAll(async () => {
    rig = await startRig();
    bo = rig.page;
    const demo = rig.server.demo;
    owner = rig.owner;
    till = await startTill(rig.browser, VIEWPORTS.laptop);
    tillPage = till.page;
    branchId = demo.branchIds[0]!;
    const branchName = (await owner.owner.branches.list.query()).find(
      (b) => b.id === branchId,
    )!.name;
    await signInAsOwner(rig);
    // The back office works on one branch: pairing codes and new staff are for it.
    await bo.getByLabel('Branch', { exact: true }).selectOption({ label: String(branchName) });
  });
  afterAll(async () => {
    await till?.close();
    await rig?.close();
  });

  const screen = (page: Page, name: string) => rig.screen(name, page);

  async function go(section: string, heading = new RegExp(section)) {
    await bo.getByRole('navigation').getByRole('link', { name: section }).click();
    await bo.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  const tillBranch = async () =>
    (await owner.owner.devices.list.query()).find((d) => d.name === TILL_NAME)?.branchId;

  it('pairs the till with the code the back office shows', async () => {
    await go('Devices');
    await bo.getByRole('button', { name: 'Pair a till' }).click();
    const code = (await bo.getByTestId('pairing-code').textContent())!.trim();
    await screen(bo, 'pairing-code');

    await tillPage.getByTestId('pair-url').waitFor();
    await screen(tillPage, 'till-pairing');
    await tillPage.getByTestId('pair-url').fill(rig.server.url);
    await tillPage.getByTestId('pair-code').fill(code);
    await tillPage.getByTestId('pair-name').fill(TILL_NAME);
    await tillPage.getByTestId('pair-submit').click();
    await waitForPinPad(tillPage);
    await screen(tillPage, 'till-pin-pad');

    // The code was single-use and named the branch the back office had selected.
    expect(await tillBranch()).toBe(branchId);
    await bo.reload();
    await bo.getByRole('row', { name: new RegExp(TILL_NAME) }).waitFor();
  });

  it('adds a cashier in the back office; the till refuses the PIN before, takes it after its sync', async () => {
    // Before: an unknown PIN (one wrong attempt of three).
    await typePin(tillPage, NEW_CASHIER.pin);
    await tillPage.getByText(/Wrong PIN/i).waitFor();

    await go('Staff');
    await bo.getByRole('button', { name: 'Add a staff member' }).click();
    await bo.getByLabel('Name').fill(NEW_CASHIER.name);
    await bo.getByLabel('PIN', { exact: true }).fill(NEW_CASHIER.pin);
    await bo.getByRole('button', { name: 'Save' }).click();
    await bo.getByRole('rowheader', { name: NEW_CASHIER.name }).waitFor();
    await screen(bo, 'staff');

    await waitTillCaughtUp(owner, TILL_NAME, 'staff');
    // Pulled is not yet stored: a PIN typed before the write would count as a wrong attempt.
    await expect
      .poll(() => tillStores(tillPage, 'staff', NEW_CASHIER.name), { timeout: 30_000 })
      .toBe(true);
    await typePin(tillPage, NEW_CASHIER.pin);
    await tillPage.getByRole('heading', { name: 'Open the shift' }).waitFor();
    await screen(tillPage, 'till-open-shift');
    await tillPage.getByLabel('Opening float').fill('100.00');
    await tillPage.getByRole('button', { name: 'Open shift' }).click();
    await tillPage.getByRole('button', { name: 'Takeaway', exact: true }).waitFor();
    await screen(tillPage, 'till-order');
  });

  it('uploads a logo; the next receipt at the printer carries it as a GS v 0 raster of its size', async () => {
    await go('Branches', /^Branch · /);
    // A PNG drawn by Chromium: a black bar on white, 200 × 80 pixels.
    const png = Buffer.from(
      await bo.evaluate(async () => {
        const canvas = new OffscreenCanvas(200, 80);
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, 200, 80);
        g.fillStyle = '#000';
        g.fillRect(40, 20, 120, 40);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        return [...new Uint8Array(await blob.arrayBuffer())];
      }),
    );
    await bo
      .getByLabel('Receipt logo', { exact: true })
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await bo.getByText('Remove the logo').waitFor();
    await screen(bo, 'branch-logo');
    const logo = receiptLogoSchema.parse(
      (await owner.owner.branches.list.query()).find((b) => b.id === branchId)!.logo,
    );
    await waitTillCaughtUp(owner, TILL_NAME, 'branches');

    const before = till.printer.documents.length;
    await startTakeaway(tillPage);
    await addItem(tillPage, 'Boissons chaudes', /^Espresso/);
    await payCash(tillPage);
    await screen(tillPage, 'till-paid');
    await tillPage.getByRole('button', { name: 'Print receipt' }).click();
    const receipt = await waitForDocument(before, (d) => /Espresso/.test(d) && /IMAGE/.test(d));
    expect(receipt.split('\n').filter((l) => l.startsWith('[IMAGE'))).toEqual([
      `[IMAGE ${logo.width}x${logo.height}]`,
    ]);
    await tillPage.getByRole('button', { name: 'Done' }).click();
  });

  /** The first document printed after the `after`-th one whose text passes `test`. */
  async function waitForDocument(after: number, test: (text: string) => boolean) {
    let found: string | undefined;
    await expect
      .poll(() => (found = till.printer.documents.slice(after).find((d) => test(d.text))?.text), {
        timeout: 30_000,
        interval: 200,
      })
      .toBeTruthy();
    return found!;
  }

  it('voids a line on the till; the owner sees it on the audit screen: what, who and when', async () => {
    await startTakeaway(tillPage);
    await addItem(tillPage, 'Boissons chaudes', /^Espresso/);
    await addItem(tillPage, 'Desserts', /^Tarte Tatin/);
    // The line added last is selected; the espresso is selected by a tap on it.
    await tillPage
      .getByRole('list', { name: 'Order' })
      .getByText(/^Espresso/)
      .click();
    await tillPage.getByRole('button', { name: 'Void', exact: true }).click();
    await tillPage.getByLabel('Reason').fill('changed mind');
    await tillPage.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    const approval = tillPage.getByRole('heading', { name: 'Manager approval' });
    const voided = tillPage.getByRole('list', { name: 'Order' }).locator('del').first();
    await Promise.race([approval.waitFor(), voided.waitFor()]);
    if (await approval.isVisible()) await typePin(tillPage, MANAGER_PIN);
    await voided.waitFor();
    await payCash(tillPage);
    await tillPage.getByRole('button', { name: 'Done' }).click();
    // First the stored event, then the audit screen that reads it.
    const voids = async () =>
      (
        await rig.server.server.services.db.pool.query<{ data: Record<string, unknown> }>(
          `SELECT data FROM documents WHERE collection = 'auditEvents' AND data ->> 'type' = 'order.lineVoided'`,
        )
      ).rows.map((r) => r.data);
    await expect.poll(async () => (await voids()).length, { timeout: 60_000 }).toBe(1);
    const stored = (await voids())[0]!;
    expect(stored).toMatchObject({ branchId, details: { quantity: 1, reason: 'changed mind' } });
    // The owner reads it on the audit screen: what (the event type and its reason), who (the
    // staff member by name) and when (the till's own time, in the branch's zone).
    await go('Audit', /Audit log/);
    await bo.getByLabel('Source').selectOption({ label: 'Tills' });
    await bo.getByLabel('Action or event type').fill('order.lineVoided');
    await bo.getByRole('button', { name: 'Filter' }).click();
    const row = bo
      .getByTestId('audit-table')
      .getByRole('row')
      .filter({ has: bo.getByRole('rowheader', { name: 'order.lineVoided' }) });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    const { rows: staff } = await rig.server.server.services.db.pool.query<{ name: string }>(
      `SELECT data ->> 'name' AS name FROM documents WHERE collection = 'staff' AND id = $1`,
      [stored.staffId],
    );
    const cells = await row.getByRole('cell').allTextContents();
    const when = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
    }).format(Number(stored.at));
    expect(cells[0]).toContain(when);
    expect(cells[1]).toContain(staff[0]!.name);
    expect(cells[2]).toContain('changed mind');
    await screen(bo, 'audit-till-void');
  });

  it('closes the shift on the till; its Z report equals the back office’s to the cent', async () => {
    await tillPage.getByRole('button', { name: 'Shift', exact: true }).click();
    await tillPage.getByLabel('Counted cash').fill('100.00');
    await tillPage.getByRole('button', { name: 'Close shift (Z report)' }).click();
    const z = tillPage.getByRole('heading', { name: 'Z report' });
    const variance = tillPage.getByRole('alertdialog', { name: 'The count does not match' });
    await Promise.race([z.waitFor(), variance.waitFor()]);
    if (await variance.isVisible()) {
      await variance.getByRole('button', { name: 'Confirm' }).click();
      await tillPage.getByRole('heading', { name: 'Manager approval' }).waitFor();
      await typePin(tillPage, MANAGER_PIN);
    }
    await z.waitFor();
    await screen(tillPage, 'till-z-report');
    const tillZ = await tillPage.getByRole('article', { name: 'Z report' }).innerText();

    const day = businessDayOf(Date.now(), 'Europe/Paris', 4);
    const serverZ = async () =>
      (await owner.reports.zReports.query({ range: { branchId, from: day, to: day } }))[0];
    // Every order and the closed shift on the server (the till says nothing is left to push).
    await expect
      .poll(
        async () =>
          (await serverZ()) !== undefined &&
          (await tillPage.getByTestId('sync-unsynced').getAttribute('data-count')) === '0',
        { timeout: 60_000 },
      )
      .toBe(true);
    const report = (await serverZ())!;
    // The till's Z as label → value (the article lists each figure after its label).
    const lines = tillZ
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const shown = (label: string) => lines[lines.indexOf(label) + 1];
    const eur = (n: number) => formatMoney(n, 'EUR', 'en-GB');
    const cash = report.payments.find((p) => p.method === 'cash')!;
    expect(report.voids.count).toBe(1);
    expect({
      orders: shown('Orders'),
      gross: shown('Gross sales'),
      net: shown('Net sales'),
      voids: shown(`Voids (${report.voids.count})`),
      cash: shown(`Cash (${cash.count})`),
      tax: shown('Total tax'),
      netOfTax: shown('Net sales excl. tax'),
      float: shown('Opening float'),
    }).toEqual({
      orders: String(report.orderCount),
      gross: eur(report.grossSales),
      net: eur(report.netSales),
      voids: eur(report.voids.amount),
      cash: eur(cash.amount),
      tax: eur(report.taxTotal),
      netOfTax: eur(report.netOfTax),
      float: eur(10000),
    });
  });

  it('revokes the till from the back office; the till says so and stops syncing', async () => {
    await go('Devices');
    bo.once('dialog', (d) => void d.accept());
    await bo.getByRole('button', { name: `Revoke ${TILL_NAME}` }).click();
    await bo
      .getByRole('row', { name: new RegExp(TILL_NAME) })
      .getByText('Revoked')
      .waitFor();
    await screen(bo, 'devices-revoked');
    const notice = tillPage.getByTestId('till-revoked');
    await notice.waitFor({ timeout: 60_000 });
    // In the branch's language (the demo branch is French).
    expect(await notice.getByRole('heading').innerText()).toBe('Cette caisse a été révoquée');
    // From here the till sends nothing to the server, even when the owner changes its menu
    // (a streaming till would pull that at once).
    const sent: string[] = [];
    tillPage.on('request', (r) => {
      if (r.url().startsWith(rig.server.url)) sent.push(r.url());
    });
    const item = (await owner.owner.menu.list.query()).find((d) => d.kind === 'item')!;
    await owner.owner.overrides.set.mutate({
      branchId,
      itemId: item.id,
      price: 123,
      available: true,
    });
    await screen(tillPage, 'till-revoked');
    expect(sent).toEqual([]);
  });
});
