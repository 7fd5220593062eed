import { ownerClient, type Client } from '@comanda/sync-server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, signInAsOwner, startRig, type Rig } from './support/backoffice';

/**
 * Two people edit the same staff member or branch: the later save from a stale page is refused
 * (409) and the page says so, then Reload shows what the server holds and Overwrite saves on
 * purpose — never a silent overwrite. Chromium against the real server (PGlite).
 */
describe('back office: conflicts on staff and branches', () => {
  let rig: Rig;
  let page: Page;
  let owner: Client;
  let branchId: string;

  beforeAll(async () => {
    rig = await startRig();
    page = rig.page;
    const demo = rig.server.demo;
    branchId = demo.branchIds[0]!;
    owner = (await ownerClient(rig.server.trpcUrl, demo.owner.email, demo.owner.password)).client;
    await signInAsOwner(rig);
  });
  afterAll(() => rig?.close());

  async function go(section: string, heading: RegExp) {
    await page.getByRole('navigation').getByRole('link', { name: section }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }
  /** The conflict notice: its message and its Reload / Overwrite choice. */
  const conflict = () =>
    page
      .getByRole('alert')
      .filter({ hasText: 'changed by someone else' })
      .filter({ has: page.getByRole('button', { name: 'Overwrite' }) });
  const member = async (id: string) =>
    (await owner.owner.staff.list.query()).find((s) => s.id === id);

  it('a stale staff edit is refused; Reload shows the other save, Overwrite replaces it', async () => {
    const created = await owner.owner.staff.upsert.mutate({
      name: 'Camille Stale',
      role: 'cashier',
      branchIds: [branchId],
      pin: '2468',
    });
    await go('Staff', /Staff/);
    const edit = async (name: string) => {
      await page.getByRole('button', { name: `Edit ${name}` }).click();
      return page.getByRole('form', { name: `Edit ${name}` });
    };
    // Someone else saves while the form is open (the page read the version before).
    const elsewhere = async (name: string) =>
      owner.owner.staff.upsert.mutate({
        id: created.id,
        name,
        role: 'cashier',
        branchIds: [branchId],
      });

    let form = await edit('Camille Stale');
    await elsewhere('Camille Elsewhere');
    await form.getByLabel('Name', { exact: true }).fill('Camille Mine');
    await form.getByRole('button', { name: 'Save' }).click();
    await conflict().waitFor();
    expect(await axeProblems(page)).toEqual([]);
    expect((await member(created.id))?.name).toBe('Camille Elsewhere');
    await conflict().getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('rowheader', { name: 'Camille Elsewhere' }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'Camille Mine' }).count()).toBe(0);

    form = await edit('Camille Elsewhere');
    await elsewhere('Camille Again');
    await form.getByLabel('Name', { exact: true }).fill('Camille Mine');
    await form.getByRole('button', { name: 'Save' }).click();
    await conflict().getByRole('button', { name: 'Overwrite' }).click();
    await page.getByRole('rowheader', { name: 'Camille Mine' }).waitFor();
    expect((await member(created.id))?.name).toBe('Camille Mine');
  });

  it('a stale branch edit is refused; Reload refills the form, Overwrite saves it', async () => {
    const doc = async () =>
      (await owner.owner.branches.list.query()).find((d) => d.id === branchId)!;
    const elsewhere = async (footer: string) => {
      // The other laptop saves without a version: its write wins (stamped now by the server).
      const { _deleted, ...current } = (await doc()) as Record<string, unknown>;
      void _deleted;
      await owner.owner.branches.upsert.mutate({
        doc: { ...current, receiptFooter: footer } as never,
      });
    };
    await page.getByLabel('Branch').selectOption({ value: branchId });
    await go('Branches', /Branch/);
    const footer = page.getByLabel('Receipt footer', { exact: true });
    await elsewhere('Footer from the other laptop');
    await footer.fill('Footer from this page');
    await page.getByRole('button', { name: 'Save' }).click();
    await conflict().waitFor();
    expect((await doc()).receiptFooter).toBe('Footer from the other laptop');
    await conflict().getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => footer.inputValue()).toBe('Footer from the other laptop');

    await elsewhere('Footer changed once more');
    await footer.fill('Footer from this page');
    await page.getByRole('button', { name: 'Save' }).click();
    await conflict().getByRole('button', { name: 'Overwrite' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await doc()).receiptFooter).toBe('Footer from this page');
  });
});
