import { businessDayOf, verifyPin } from '@comanda/core';
import {
  createClient,
  httpStatusOf,
  orderDoc,
  pairedTillClient,
  type Client,
} from '@comanda/sync-server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/lib/csv';
import { pullAll, startRig, tillOf, type Rig } from './support/backoffice';

/**
 * The owner's back office in Chromium against the real sync server (PGlite, demo org): every
 * change made on a screen is read back the way a till reads it, through `sync.pull`.
 */
describe('back office end to end', () => {
  let rig: Rig;
  let page: Page;
  let owner: Client;
  let branchId: string;
  let otherBranchId: string;
  let branchName: string;
  let item: { id: string; name: string; price: number };
  let till: Client;

  beforeAll(async () => {
    rig = await startRig();
    page = rig.page;
    const demo = rig.server.demo;
    [branchId = '', otherBranchId = ''] = demo.branchIds;
    owner = rig.owner;
    branchName = String(
      (await owner.owner.branches.list.query()).find((b) => b.id === branchId)!.name,
    );
    const overridden = new Set(
      (await owner.owner.overrides.list.query({ branchId })).map((o) => String(o.itemId)),
    );
    const first = (await owner.owner.menu.list.query()).find(
      (d) => d.kind === 'item' && !overridden.has(d.id) && d.available !== false,
    )!;
    item = { id: first.id, name: String(first.name), price: Number(first.price) };
    till = await pairedTillClient(rig.server, branchId, 'Comptoir');
    // Sales on the orders' business day (2026-11-23) for the reports.
    const orders = [1, 2, 3].map((n) =>
      orderDoc({ id: `ord-e2e-${n}`, branchId, ticketNumber: n, lines: n + 1, paid: true }),
    );
    await push(orders);
    // And two today (the branch's business day) for the dashboard.
    await push([4, 5].map((n) => todaysOrder(n)));
  });

  async function push(orders: ReturnType<typeof orderDoc>[]) {
    await till.sync.push.mutate({
      collection: 'orders',
      rows: orders.map((o) => ({ assumedMasterState: null, newDocumentState: o })),
    });
  }

  function todaysOrder(n: number) {
    const at = Date.now();
    return {
      ...orderDoc({
        id: `ord-e2e-${n}`,
        branchId,
        ticketNumber: n,
        lines: 2,
        paid: true,
        updatedAt: at,
      }),
      businessDay: businessDayOf(at, 'Europe/Paris', 4),
    };
  }
  afterAll(async () => {
    await rig?.close();
  });

  const screen = (name: string) => rig.screen(name);

  async function go(section: string) {
    await page.getByRole('navigation').getByRole('link', { name: section }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(section) }).waitFor();
  }

  it('serves the app with a strict CSP and signs the owner in (token never in a URL)', async () => {
    const response = await page.goto(rig.server.url);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { name: 'Sign in to your back office' }).waitFor();
    await screen('sign-in');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.getByLabel('Email').fill(rig.server.demo.owner.email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(rig.server.demo.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /Dashboard/ }).waitFor();
    expect(requests.filter((u) => /token|eyJ/i.test(u))).toEqual([]);
    // The access token is in memory only; the refresh token resumes the session after a reload.
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toMatch(/eyJ/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Dashboard/ }).waitFor();
    await page.getByLabel('Branch', { exact: true }).selectOption({ label: branchName });
    const orders = page
      .getByText('Orders', { exact: true })
      .locator('xpath=..')
      .locator('.kpi-value');
    await expect.poll(() => orders.textContent()).toBe('2');
    await screen('dashboard');
  });

  it('shows an order on the dashboard as soon as it reaches the server, without a reload', async () => {
    const orders = page
      .getByText('Orders', { exact: true })
      .locator('xpath=..')
      .locator('.kpi-value');
    await push([todaysOrder(6)]);
    await expect.poll(() => orders.textContent(), { timeout: 10_000 }).toBe('3');
  });

  it('changes an item’s price for one branch; a till of that branch pulls it, the other none', async () => {
    await go('Menu');
    const price = page.getByLabel(`Price of ${item.name} in this branch`);
    await price.fill('7.90');
    await price.press('Enter');
    await expect.poll(() => price.inputValue()).toBe('7.90');
    const overrides = await pullAll(till, 'branchOverrides');
    expect(overrides.get(`${branchId}:${item.id}`)).toMatchObject({ price: 790, available: null });
    const other = await owner.owner.overrides.list.query({ branchId: otherBranchId });
    expect(other.find((o) => o.itemId === item.id)?.price ?? null).not.toBe(790);
  });

  it('shows bad input next to the price and saves nothing', async () => {
    const price = page.getByLabel(`Price of ${item.name} in this branch`);
    await price.fill('7,9,0');
    await price.press('Enter');
    // The field is marked once the form has checked the value: read its message after that (read
    // at once, the attribute could still be absent, and the test looked for `#null`).
    await expect.poll(() => price.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await price.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`#${describedBy}`).textContent()).toBeTruthy();
    const overrides = await owner.owner.overrides.list.query({ branchId });
    expect(overrides.find((o) => o.itemId === item.id)).toMatchObject({ price: 790 });
  });

  it('86es the item in one click; the till sees it sold out', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Menu/ }).waitFor();
    await page.getByRole('button', { name: `Mark ${item.name} sold out` }).click();
    await page.getByRole('button', { name: `Mark ${item.name} available` }).waitFor();
    const overrides = await pullAll(till, 'branchOverrides');
    expect(overrides.get(`${branchId}:${item.id}`)).toMatchObject({ price: 790, available: false });
    await screen('menu');
  });

  it('a write over someone else’s newer change is a conflict: reload or overwrite, never silent', async () => {
    // Someone else (another tab) changes the price after this page loaded it.
    await owner.owner.overrides.set.mutate({
      branchId,
      itemId: item.id,
      price: 850,
      available: false,
    });
    const price = page.getByLabel(`Price of ${item.name} in this branch`);
    await price.fill('8.10');
    await price.press('Enter');
    await page.getByText(`${item.name} was changed by someone else`).waitFor();
    expect((await pullAll(till, 'branchOverrides')).get(`${branchId}:${item.id}`)).toMatchObject({
      price: 850,
    });
    await page.getByRole('button', { name: 'Overwrite' }).click();
    await expect
      .poll(
        async () => (await pullAll(till, 'branchOverrides')).get(`${branchId}:${item.id}`)?.price,
      )
      .toBe(810);
    await expect.poll(() => price.inputValue()).toBe('8.10');
  });

  it('adds a cashier: a bad PIN is refused next to the field with nothing saved, then the till can check the PIN', async () => {
    await go('Staff');
    const before = (await owner.owner.staff.list.query()).length;
    await page.getByRole('button', { name: 'Add a staff member' }).click();
    await page.getByLabel('Name').fill('Zoé Martin');
    await page.getByLabel('PIN', { exact: true }).fill('12');
    await page.getByRole('button', { name: 'Save' }).click();
    const pin = page.getByLabel('PIN', { exact: true });
    expect(await pin.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await pin.getAttribute('aria-describedby'))!
      .split(' ')
      .find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('a PIN is 4 to 8 digits');
    expect(await owner.owner.staff.list.query()).toHaveLength(before);
    await pin.fill('482913');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('rowheader', { name: 'Zoé Martin' }).waitFor();
    const staff = [...(await pullAll(till, 'staff')).values()].find(
      (s) => s.name === 'Zoé Martin',
    )!;
    expect(staff).toMatchObject({ role: 'cashier', branchIds: [branchId], active: true });
    expect(await verifyPin(globalThis.crypto.subtle, '482913', String(staff.pinHash))).toBe(true);
    await screen('staff');
  });

  it('pairs a till with the code shown (and its QR), then revokes it: its next pull gets 401', async () => {
    await go('Devices');
    await page.getByRole('button', { name: 'Pair a till' }).click();
    const code = (await page.getByTestId('pairing-code').textContent())!.trim();
    await page.getByRole('img', { name: `QR code of the pairing code ${code}` }).waitFor();
    const anonymous = createClient(rig.server.trpcUrl);
    const credential = await anonymous.auth.pair.mutate({ code, deviceName: 'Terrasse' });
    const newTill = await tillOf(rig.server, credential);
    await newTill.sync.pull.query({ collection: 'menu', checkpoint: null, limit: 1 });
    await screen('devices');
    await page.reload();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Revoke Terrasse' }).click();
    await page
      .getByRole('row', { name: /Terrasse/ })
      .getByText('Revoked')
      .waitFor();
    const refused = await newTill.sync.pull
      .query({ collection: 'menu', checkpoint: null, limit: 1 })
      .catch((e: unknown) => e);
    expect(httpStatusOf(refused)).toBe(401);
  });

  it('reports sales over a range and exports exactly the rows shown as CSV', async () => {
    await go('Reports');
    await page.getByLabel('From').fill('2026-11-20');
    await page.getByLabel('To').fill('2026-11-23');
    await page.getByLabel('Group by').selectOption('item');
    await page.getByRole('button', { name: 'Show' }).click();
    const table = page.getByTestId('sales-table');
    await table.waitFor();
    const shown = await table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
      );
    const expected = await owner.reports.sales.query({
      range: { branchId, from: '2026-11-20', to: '2026-11-23' },
      by: 'item',
    });
    expect(expected.length).toBeGreaterThan(1);
    expect(shown.map((r) => r[0])).toEqual(expected.map((r) => r.label));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const parsed = parseCsv(csv);
    expect(parsed.header).toEqual(['Name', 'Quantity', 'Orders', 'Gross', 'Tax', 'Net']);
    expect(parsed.rows).toEqual(
      expected.map((r) => [
        r.label,
        String(r.quantity),
        String(r.orders),
        (r.gross / 100).toFixed(2),
        (r.tax / 100).toFixed(2),
        (r.net / 100).toFixed(2),
      ]),
    );
    await screen('reports');
  });

  it('shows the server’s message next to the field it names (a range over 400 days)', async () => {
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To').fill('2026-11-23');
    await page.getByRole('button', { name: 'Show' }).click();
    const to = page.getByLabel('To');
    await expect.poll(() => to.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await to.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      'At most 400 days per report',
    );
    expect(rig.pageErrors).toEqual([]);
  });

  it('edits a branch: a bad time zone is refused next to its field, a good change reaches the till', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Branches' }).click();
    await page.getByRole('heading', { level: 1, name: `Branch · ${branchName}` }).waitFor();
    const zone = page.getByLabel('Time zone');
    await zone.fill('Europe/Atlantis');
    await page.getByLabel('Receipt footer').fill('Merci, à bientôt !');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => zone.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await zone.getAttribute('aria-describedby'))!
      .split(' ')
      .find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/IANA time zone/);
    const before = (await pullAll(till, 'branches')).get(branchId)!;
    expect(before.receiptFooter).not.toBe('Merci, à bientôt !');
    await zone.fill('Europe/Paris');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').waitFor();
    await expect
      .poll(async () => (await pullAll(till, 'branches')).get(branchId)?.receiptFooter)
      .toBe('Merci, à bientôt !');
    await screen('branches');
  });

  it('lists the owner’s changes in the audit log and exports the page shown', async () => {
    await go('Audit log');
    const table = page.getByTestId('audit-table');
    await table.getByRole('rowheader', { name: 'device.revoked' }).waitFor();
    const actions = await table.locator('tbody th').allTextContents();
    expect(actions).toEqual(
      expect.arrayContaining(['override.set', 'staff.upsert', 'device.revoked']),
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const parsed = parseCsv(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
    expect(parsed.header).toEqual(['When', 'Action', 'By', 'Detail']);
    expect(parsed.rows.map((r) => r[1])).toEqual(actions);
    await screen('audit');
    // In French: the catalogue's messages and its plural forms.
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
    expect(await page.getByRole('status').textContent()).toMatch(/^\d+ entrées?$/);
    await page.getByRole('navigation').getByRole('link', { name: 'Carte' }).waitFor();
    await page.getByLabel('Langue').selectOption('en');
  });

  it('signs out: the refresh token is revoked on the server', async () => {
    const refreshToken = await page.evaluate(() =>
      sessionStorage.getItem('comanda.backoffice.refresh'),
    );
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to your back office' }).waitFor();
    const refused = await createClient(rig.server.trpcUrl)
      .auth.refresh.mutate({ refreshToken: refreshToken! })
      .catch((e: unknown) => e);
    expect(httpStatusOf(refused)).toBe(401);
  });
});
