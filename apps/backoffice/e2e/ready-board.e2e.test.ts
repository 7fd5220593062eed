import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  bumpTicket,
  markServed,
  orderDocSchema,
  sendToKitchen,
  stationTickets,
  ticketLabel,
  type OrderContext,
  type OrderDoc,
} from '@comanda/core';
import { orderDoc, pairedTillClient, type Client } from '@comanda/sync-server/testing';
import { createBackofficeI18n, type BackofficeI18n } from '@comanda/ui';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chimeNotes, countChimes } from '../../desktop/e2e/support/chime';
import { axeProblems, signInAsOwner, startRig, type Rig } from './support/backoffice';

/** Git-ignored folder for the board's screenshots (`.test-results/` is in .gitignore). */
const SHOTS = join(import.meta.dirname, '..', '.test-results', 'board');

/**
 * The customer ready board in Chromium at 1920×1080 against the real sync server: paired by code,
 * fed by a till's pushes through the live stream, with the chime counted at the WebAudio API.
 */
describe('customer ready board', () => {
  let rig: Rig;
  let page: Page;
  let till: Client;
  let branchId: string;
  let n = 0;
  const ctx = (): OrderContext => ({
    at: Date.now(),
    by: 'staff-e2e',
    newId: () => `0199${String(++n).padStart(4, '0')}-0000-7000-8000-b00000000000`,
  });
  const push = (from: OrderDoc | null, to: OrderDoc) =>
    till.sync.push.mutate({
      collection: 'orders',
      rows: [
        {
          assumedMasterState: from && { ...from, _deleted: false },
          newDocumentState: { ...to, _deleted: false },
        },
      ],
    });
  /** The board speaks the branch's language (the demo's Paris branch: French). */
  let i18n: BackofficeI18n;
  const column = (key: 'bo.board.preparing' | 'bo.board.ready') =>
    page.getByRole('list', { name: i18n.t(key) }).getByRole('listitem');

  beforeAll(async () => {
    rig = await startRig();
    [branchId = ''] = rig.server.demo.branchIds;
    till = await pairedTillClient(rig.server, branchId, 'Comptoir');
    const branch = (await rig.owner.owner.branches.list.query()).find((b) => b.id === branchId);
    i18n = createBackofficeI18n(String(branch?.locale).startsWith('fr') ? 'fr' : 'en');
    const context = await rig.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-GB',
    });
    await countChimes(context);
    page = await context.newPage();
    page.on('pageerror', (e) => rig.pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text()))
        rig.pageErrors.push(m.text());
    });
  });
  afterAll(() => rig?.close());

  it('pairs by code, shows a sent order preparing, then ready with the chime, until collected', async () => {
    await page.goto(`${rig.server.url}/board`);
    // The owner makes the code in the back office's pairing dialog, for a ready board.
    await signInAsOwner(rig);
    await rig.page.getByLabel('Branch', { exact: true }).selectOption({ value: branchId });
    await rig.page.getByRole('navigation').getByRole('link', { name: 'Devices' }).click();
    await rig.page.getByLabel('Device', { exact: true }).selectOption('board');
    await rig.page.getByRole('button', { name: 'Pair a ready board' }).click();
    const code = (await rig.page.getByTestId('pairing-code').textContent())!.trim();
    expect(await rig.page.getByTestId('pairing-hint').textContent()).toContain(
      `${rig.server.url}/board`,
    );
    await page.getByLabel('Pairing code').fill('WRONG-CODE');
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.getByRole('alert').getByText('wrong, expired or already used').waitFor();
    await page.getByLabel('Pairing code').fill(code);
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.getByRole('heading', { name: i18n.t('bo.board.preparing') }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(i18n.locale);

    const draft = orderDocSchema.parse(
      orderDoc({ id: 'ord-board-1', branchId, ticketNumber: 1000, lines: 2 }),
    );
    const sent = sendToKitchen(draft, ctx(), { readyInMinutes: 12 });
    await push(null, sent);
    const label = ticketLabel(sent);
    await column('bo.board.preparing').filter({ hasText: label }).waitFor();
    // The time told at the send (12 minutes later), in the branch's words.
    const around = i18n.t('bo.board.readyAround', { time: '' }).trim();
    expect(await column('bo.board.preparing').first().textContent()).toContain(around);
    expect(await column('bo.board.ready').count()).toBe(0);
    expect(await chimeNotes(page)).toBe(0);

    const [ticket] = stationTickets(sent);
    const ready = bumpTicket(sent, ticket!, ctx(), 'ready');
    await push(sent, ready);
    await column('bo.board.ready').filter({ hasText: label }).and(page.locator('.fresh')).waitFor();
    expect(await column('bo.board.preparing').count()).toBe(0);
    await page.waitForFunction(() => (window as unknown as { chimeNotes: number }).chimeNotes > 0);

    expect(await axeProblems(page)).toEqual([]);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'board-1920x1080.png') });

    // A refresh keeps the pairing (localStorage) and the number.
    await page.reload();
    await column('bo.board.ready').filter({ hasText: label }).waitFor();

    await push(ready, markServed(ready, ctx()));
    await page.waitForFunction(() => document.querySelectorAll('li').length === 0);
    expect(rig.pageErrors).toEqual([]);
  });
});
