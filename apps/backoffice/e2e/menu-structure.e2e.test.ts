import {
  createClient,
  httpStatusOf,
  pairedTillClient,
  type Client,
} from '@comanda/sync-server/testing';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, pullAll, signInAsOwner, startRig, type Rig } from './support/backoffice';

/**
 * The owner edits the menu's structure in Chromium against the real server (PGlite): every
 * change is read back the way a till reads it, through `sync.pull`.
 */
describe('back office: menu structure', () => {
  let rig: Rig;
  let page: Page;
  let owner: Client;
  let till: Client;

  beforeAll(async () => {
    rig = await startRig();
    page = rig.page;
    const demo = rig.server.demo;
    owner = rig.owner;
    till = await pairedTillClient(rig.server, demo.branchIds[0]!);
    await signInAsOwner(rig);
    await page.getByRole('navigation').getByRole('link', { name: 'Menu' }).click();
    await page.getByRole('heading', { level: 1, name: /Menu/ }).waitFor();
  });
  afterAll(async () => {
    await rig?.close();
  });

  const tillMenu = async () => [...(await pullAll(till, 'menu')).values()];
  const byName = async (name: string) =>
    (await tillMenu()).find((d) => d.name === name && !d._deleted);
  const form = (name: string) => page.getByRole('form', { name });
  const errorOf = async (label: string, scope: Page | Locator = page) => {
    const input = scope.getByLabel(label, { exact: true });
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    const id = (await input.getAttribute('aria-describedby'))!
      .split(' ')
      .find((i) => i.endsWith('-error'))!;
    return page.locator(`[id="${id}"]`).textContent();
  };

  it('adds a category with a colour; a bad colour is refused next to its field', async () => {
    await page.getByRole('button', { name: 'Add a category' }).click();
    const editor = form('New category');
    await editor.getByLabel('Name', { exact: true }).fill('Smoothies');
    await editor.getByLabel('Colour', { exact: true }).fill('green');
    await editor.getByRole('button', { name: 'Save' }).click();
    expect(await errorOf('Colour', editor)).toMatch(/# followed by 6 hexadecimal digits/);
    expect(await byName('Smoothies')).toBeUndefined();
    await editor.getByLabel('Colour', { exact: true }).fill('#12ab34');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page
      .getByTestId('categories-table')
      .getByRole('rowheader', { name: 'Smoothies' })
      .waitFor();
    expect(await byName('Smoothies')).toMatchObject({ kind: 'category', color: '#12ab34' });
  });

  it('adds a modifier group with price deltas; min above the options is refused with nothing saved', async () => {
    await page.getByRole('button', { name: 'Add a modifier group' }).click();
    const editor = form('New modifier group');
    await editor.getByLabel('Name', { exact: true }).fill('Glass size');
    await editor.getByLabel('Minimum to pick').fill('2');
    await editor.getByLabel('Maximum to pick').fill('2');
    await editor.getByRole('button', { name: 'Add an option' }).click();
    await editor.getByLabel('Option 1', { exact: true }).fill('Small');
    await editor.getByRole('button', { name: 'Save' }).click();
    expect(await errorOf('Minimum to pick', editor)).toBe('min exceeds the number of options');
    await editor.getByRole('button', { name: 'Add an option' }).click();
    await editor.getByLabel('Option 2', { exact: true }).fill('Large');
    await editor.getByLabel('Price change of option 2').fill('1.50');
    await editor.getByLabel('Minimum to pick').fill('1');
    await editor.getByLabel('Maximum to pick').fill('1');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('groups-table').getByRole('rowheader', { name: 'Glass size' }).waitFor();
    expect(await byName('Glass size')).toMatchObject({
      min: 1,
      max: 1,
      options: [
        { name: 'Small', priceDelta: 0 },
        { name: 'Large', priceDelta: 150 },
      ],
    });
  });

  it('adds an item with every field; a till pulls it whole', async () => {
    await page.getByRole('button', { name: 'Add an item' }).click();
    const editor = form('New item');
    await editor.getByLabel('Name', { exact: true }).fill('Mango smoothie');
    await editor.getByLabel('Category').selectOption({ label: 'Smoothies' });
    await editor.getByLabel('Menu price').fill('5.50');
    await editor.getByLabel('Barcode').fill('036000291452');
    await editor.getByLabel('Preparation time (minutes)').fill('999');
    await editor.getByLabel('Colour', { exact: true }).fill('#ffaa00');
    await editor.getByLabel('Glass size').check();
    const allergens = editor.getByTestId('item-allergens');
    await allergens.getByLabel('Milk', { exact: true }).check();
    await allergens.getByLabel('Nuts', { exact: true }).check();
    // The input stops at 200 characters; a client that does not is refused by the server.
    const note = editor.getByLabel('Allergen note', { exact: true });
    await note.evaluate((input) => input.removeAttribute('maxlength'));
    await note.fill('x'.repeat(201));
    await editor.getByRole('button', { name: 'Save' }).click();
    expect(await errorOf('Preparation time (minutes)', editor)).toMatch(/240/);
    expect(await errorOf('Allergen note', editor)).toBe(
      'an allergen note is at most 200 characters',
    );
    expect(await byName('Mango smoothie')).toBeUndefined();
    await note.fill('may contain traces of sesame');
    await editor.getByLabel('Preparation time (minutes)').fill('4');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('rowheader', { name: 'Mango smoothie' }).waitFor();
    const category = (await byName('Smoothies'))!;
    const group = (await byName('Glass size'))!;
    expect(await byName('Mango smoothie')).toMatchObject({
      kind: 'item',
      categoryId: category.id,
      price: 550,
      barcode: '036000291452',
      prepMinutes: 4,
      color: '#ffaa00',
      modifierGroupIds: [group.id],
      allergens: ['milk', 'nuts'],
      allergenNote: 'may contain traces of sesame',
    });
    await rig.screen('menu-structure');
  });

  it('a category holding an item is not deleted: the server says why in its row', async () => {
    page.once('dialog', (d) => void d.accept());
    const row = page.getByTestId('categories-table').getByRole('row', { name: /Smoothies/ });
    await row.getByRole('button', { name: 'Delete Smoothies' }).click();
    await row.getByText(/still used by 1 item\(s\) \(Mango smoothie\)/).waitFor();
    expect(await byName('Smoothies')).toBeDefined();
  });

  it('reorders categories: the moved one changes place for the tills', async () => {
    const table = page.getByTestId('categories-table');
    const names = () => table.locator('tbody th').allTextContents();
    const before = await names();
    const at = before.indexOf('Smoothies');
    expect(at).toBeLessThan(before.length - 1);
    await table.getByRole('button', { name: 'Move Smoothies down' }).click();
    await expect.poll(async () => (await names()).indexOf('Smoothies')).toBe(at + 1);
    const sorted = (await tillMenu())
      .filter((d) => d.kind === 'category' && !d._deleted)
      .sort((a, b) => Number(a.sort) - Number(b.sort))
      .map((d) => d.name);
    expect(sorted).toEqual(await names());
  });

  it('renaming over someone else’s newer edit is a conflict: reload or overwrite, never silent', async () => {
    const table = page.getByTestId('categories-table');
    await table.getByRole('button', { name: 'Edit Smoothies' }).click();
    const editor = form('Smoothies');
    // Another tab changes the category after this form was opened.
    const current = (await byName('Smoothies'))!;
    const { _deleted, ...doc } = current;
    await owner.owner.menu.upsert.mutate({ docs: [{ ...doc, name: 'Juices' } as never] });
    await editor.getByLabel('Name', { exact: true }).fill('Smoothies & shakes');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByText('Smoothies was changed by someone else').waitFor();
    expect(await byName('Juices')).toBeDefined();
    await editor.getByRole('button', { name: 'Overwrite' }).click();
    await table.getByRole('rowheader', { name: 'Smoothies & shakes' }).waitFor();
    expect(await byName('Smoothies & shakes')).toMatchObject({ color: '#12ab34' });
    expect(rig.pageErrors).toEqual([]);
  });

  it('86es two items in every branch in one action; each branch’s till pulls it sold out', async () => {
    const demo = rig.server.demo;
    const lyonTill = await pairedTillClient(rig.server, demo.branchIds[1]!);
    const items = (await tillMenu()).filter((d) => d.kind === 'item' && !d._deleted).slice(0, 2);
    for (const item of items)
      await page.getByRole('checkbox', { name: `Select ${String(item.name)}` }).check();
    const bulk = form('Several items in several branches');
    await bulk.getByText('2 items selected').waitFor();
    await bulk.getByLabel('Availability').selectOption({ label: 'Sold out' });
    await bulk.getByRole('button', { name: 'Apply to the selection' }).click();
    await bulk.getByText(`${items.length * demo.branchIds.length} overrides saved`).waitFor();
    for (const [branchId, t] of [
      [demo.branchIds[0]!, till],
      [demo.branchIds[1]!, lyonTill],
    ] as const) {
      const overrides = await pullAll(t, 'branchOverrides');
      for (const item of items)
        expect(overrides.get(`${branchId}:${item.id}`)).toMatchObject({ available: false });
    }
    const audit = await owner.owner.audit.list.query({});
    expect(audit.filter((e) => e.action === 'override.bulkSet')).toHaveLength(1);
    // A bad price is refused next to its field, nothing saved.
    await bulk.getByLabel('Price', { exact: true }).selectOption({ label: 'Set this price' });
    await bulk.getByLabel('Set this price', { exact: true }).fill('7,9,0');
    await bulk.getByRole('button', { name: 'Apply to the selection' }).click();
    expect(await errorOf('Set this price', bulk)).toBeTruthy();
    expect(
      (await owner.owner.audit.list.query({})).filter((e) => e.action === 'override.bulkSet'),
    ).toHaveLength(1);
    expect(await axeProblems(page)).toEqual([]);
  });

  it('signs out everywhere: this page and every other session must sign in again', async () => {
    const demo = rig.server.demo;
    const elsewhere = await createClient(rig.server.trpcUrl).auth.signIn.mutate({
      email: demo.owner.email,
      password: demo.owner.password,
    });
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in to your back office' }).waitFor();
    const refused = await createClient(rig.server.trpcUrl)
      .auth.refresh.mutate({ refreshToken: elsewhere.refreshToken })
      .catch((e: unknown) => e);
    expect(httpStatusOf(refused)).toBe(401);
    expect(
      await page.evaluate(() => sessionStorage.getItem('comanda.backoffice.refresh')),
    ).toBeNull();
  });
});
