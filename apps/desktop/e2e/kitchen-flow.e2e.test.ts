import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { TcpLink } from '../src/renderer/sync/chaos/tcp-link.js';
import { axeProblems } from './support/axe.js';
import { BranchShop, type BranchTill } from './support/branch.js';
import { addItem, payCash, poll, startTakeaway, waitSaved } from './support/cashier.js';
import { armSendClock, cardShownAt, chimeNotes, openBoard, pairingCodes, sendSavedAt, setHubUrl, startKitchenScreen, type FlowDevice } from './support/kitchen-flow.js';
import { logInAndOpenShift, pairInPage, typePin, waitForPinPad } from './support/till.js';

/** Git-ignored (`.test-results/` is in .gitignore). */
const SHOTS = join(import.meta.dirname, '..', '.test-results', 'kitchen-flow');
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
] as const;
const MANAGER_PIN = '2468';
/** Issue 16's goal: both station screens show their part within 1 s of the send (logged per send). */
const FIRE_TO_SCREEN_GOAL_MS = 1000;
/**
 * What is asserted: the goal held in 2 of 3 runs on the shared 2-core machine and was missed (up
 * to 3 s) while another engineer's Chromium bench ran (docs/kitchen-display.md). A screen waiting
 * on a poll instead of the live notice (the stream's safety resync comes every 15 s) fails it.
 */
const FIRE_TO_SCREEN_LIMIT_MS = 5000;

const started = Date.now();
/** Where the time goes (the run's log): seconds since the file started. */
const step = (name: string) => console.log(`[kitchen-flow] ${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);

/**
 * On demand (`pnpm --filter @comanda/backoffice build && COMANDA_E2E_KITCHEN_FLOW=1 pnpm --filter
 * @comanda/desktop e2e e2e/kitchen-flow.e2e.test.ts`), not in `npm test`: on this shared machine
 * starting the processes and browsers takes about a minute and the whole file 2 to 3 (over the CI
 * budget), and the 1 s it asserts depends on what else the machine runs (docs/kitchen-display.md).
 */
const onDemand = !process.env.COMANDA_E2E_KITCHEN_FLOW;

let shop: BranchShop;
let till: BranchTill;
/** The bar screen reaches the hub through a link the test cuts (a pulled network cable). */
let barLink: TcpLink;
let bar: FlowDevice;
let pastry: FlowDevice;
let expo: FlowDevice;
let board: FlowDevice;
const devices: FlowDevice[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (onDemand) return;
  shop = await BranchShop.create(['counter']);
  step('central, hub and till started');
  till = shop.tills[0]!;
  await setHubUrl(till.host, shop.hubUrl);
  barLink = await TcpLink.open(shop.ports.hub);
  const code = await pairingCodes(shop);
  const codes = [await code(), await code(), await code(), await code()] as const;
  // Each screen is its own host process and browser; they start side by side.
  const starting = await Promise.allSettled([
    startKitchenScreen(shop, 'bar', 'bar', codes[0], { pairAt: barLink.url }),
    // Paired at the central server with the hub in its settings, as the till is (failover).
    startKitchenScreen(shop, 'pastry', 'pastry', codes[1], { pairAt: shop.centralUrl, hubUrl: shop.hubUrl }),
    // Paired at the central server, then given the hub and restarted.
    startKitchenScreen(shop, 'expo', '', codes[2], { pairAt: shop.centralUrl, hubAfterPairing: shop.hubUrl }),
    openBoard(shop.hubUrl, codes[3]),
  ]);
  for (const s of starting) if (s.status === 'fulfilled') devices.push(s.value);
  const failed = starting.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  [bar, pastry, expo, board] = devices as [FlowDevice, FlowDevice, FlowDevice, FlowDevice];
  board.page.on('pageerror', (e) => pageErrors.push(e.message));
  step('central, hub, till, three screens and the board started');
}, 240_000);
afterAll(async () => {
  if (fireToScreen.length > 0) {
    const met = fireToScreen.filter((t) => Math.max(t.bar, t.pastry) <= FIRE_TO_SCREEN_GOAL_MS).length;
    console.log(`[kitchen-flow] fire → screen (ms): ${JSON.stringify(fireToScreen)}; 1 s goal met by ${met} of ${fireToScreen.length} sends`);
  }
  for (const device of devices) await device.close();
  await barLink?.close();
  await shop?.close();
});

const cards = (page: Page, ticket: string) => page.getByTestId('kitchen-card').filter({ hasText: ticket });
const expoCard = (ticket: string) => expo.page.getByTestId('expo-card').filter({ hasText: ticket });
/** A column of the board (it speaks the branch's language, French for the demo's Paris branch). */
const boardColumn = (column: 'preparing' | 'ready') => board.page.locator(`.board-column.${column} li`);
const nav = (name: string) => till.page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
const kitchenStatus = () => till.page.getByTestId('kitchen-status').getAttribute('data-status').catch(() => null);

/**
 * Screenshots of `device` at 1920×1080 and 1280×800; returns what looks wrong at each size: a page
 * wider than the window (cut text), a station's "All day" column not beside its cards.
 */
async function shoot(device: FlowDevice, name: string): Promise<string[]> {
  mkdirSync(SHOTS, { recursive: true });
  const problems: string[] = [];
  const before = device.page.viewportSize();
  for (const size of SIZES) {
    await device.page.setViewportSize(size);
    await device.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await device.page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
    const at = `${name}@${size.width}x${size.height}`;
    const layout = await device.page.evaluate(() => {
      const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().top ?? null;
      return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, cards: top('.kitchen-cards'), allDay: top('.kitchen-all-day') };
    });
    if (layout.scrollWidth > layout.innerWidth) problems.push(`${at}: page ${layout.scrollWidth} px wide`);
    if (layout.cards !== null && layout.allDay !== null && Math.abs(layout.cards - layout.allDay) > 1) problems.push(`${at}: all day at ${layout.allDay} px, cards at ${layout.cards} px`);
  }
  if (before) await device.page.setViewportSize(before);
  return problems;
}

/** Fire → screen times (ms) of every send, per leg, for the run's summary. */
const fireToScreen: { leg: string; ticket: string; bar: number; pastry: number }[] = [];

/**
 * The till takes a takeaway of an espresso (bar) and `pastries` (pastry), sends it and returns
 * its ticket once both station screens show their part. Timed from the moment the till's send is
 * saved (its "Saved" badge after the send) to the frame each screen paints the card in, both read
 * on the shared system clock; the 1 s goal is logged, {@link FIRE_TO_SCREEN_LIMIT_MS}
 * asserted.
 */
async function sendTakeaway(leg: string, pastries: readonly RegExp[]): Promise<string> {
  const page = till.page;
  const ticket = await startTakeaway(page);
  await addItem(page, 'Boissons chaudes', /^Espresso/);
  for (const item of pastries) await addItem(page, 'Desserts', item);
  await waitSaved(page, 1 + pastries.length);
  await armSendClock(page);
  await page.getByRole('button', { name: 'Send to kitchen' }).click();
  const shownAt = async (screen: FlowDevice, station: string) => {
    const card = cards(screen.page, ticket);
    await card.waitFor({ timeout: 30_000 });
    const orderId = await card.getAttribute('data-order');
    return (await cardShownAt(screen.page, orderId!, station))!;
  };
  const [barAt, pastryAt] = await Promise.all([shownAt(bar, 'bar'), shownAt(pastry, 'pastry')]);
  const savedAt = (await sendSavedAt(page))!;
  const times = { leg, ticket, bar: barAt - savedAt, pastry: pastryAt - savedAt };
  fireToScreen.push(times);
  const goal = Math.max(times.bar, times.pastry) <= FIRE_TO_SCREEN_GOAL_MS ? 'within' : 'NOT within';
  step(`ticket ${ticket} (${leg}): saved on the till at ${new Date(savedAt).toISOString().slice(11, 23)}, then on the bar screen after ${times.bar} ms, on the pastry screen after ${times.pastry} ms (${goal} the 1 s goal)`);
  // Soft: a slow send fails the test, and the rest of the flow still runs and is checked.
  expect.soft(times.bar, `${ticket} on the bar screen (${leg})`).toBeLessThanOrEqual(FIRE_TO_SCREEN_LIMIT_MS);
  expect.soft(times.pastry, `${ticket} on the pastry screen (${leg})`).toBeLessThanOrEqual(FIRE_TO_SCREEN_LIMIT_MS);
  return ticket;
}

/** Bar by touch, pastry by keys: each ticket started then ready (it leaves its screen). */
async function bumpBoth(ticket: string): Promise<void> {
  const barCard = cards(bar.page, ticket);
  await barCard.getByTestId('kitchen-bump').click();
  await poll(() => barCard.getAttribute('data-status'), 30_000).toBe('preparing');
  await barCard.getByTestId('kitchen-bump').click();
  await poll(() => barCard.count(), 30_000).toBe(0);
  await poll(() => expoCard(ticket).getAttribute('data-complete'), 30_000).toBe('false');
  const pastryCard = cards(pastry.page, ticket);
  // Its only ticket on screen: 1 picks it, 1 again bumps it.
  await pastry.page.keyboard.press('1');
  await pastry.page.keyboard.press('1');
  await poll(() => pastryCard.getAttribute('data-status'), 30_000).toBe('preparing');
  await pastry.page.keyboard.press('1');
  await pastry.page.keyboard.press('1');
  await poll(() => pastryCard.count(), 30_000).toBe(0);
}

/**
 * Expo green, the board's Ready column with the chime (more notes than `notes`, read before the
 * bumps: the board may chime before the last bump's poll returns), the till says ready; served on
 * the till, the number leaves.
 */
async function readyThenServed(ticket: string, notes: number, beforeServed?: () => Promise<void>): Promise<void> {
  await poll(() => expoCard(ticket).getAttribute('data-complete'), 30_000).toBe('true');
  await boardColumn('ready').filter({ hasText: ticket }).and(board.page.locator('.fresh')).waitFor({ timeout: 30_000 });
  await poll(() => chimeNotes(board.page), 30_000).toBeGreaterThan(notes);
  await poll(kitchenStatus, 30_000).toBe('ready');
  await beforeServed?.();
  await till.page.getByRole('button', { name: 'Mark served' }).click();
  await poll(kitchenStatus, 30_000).toBe('served');
  await poll(() => board.page.locator('li').filter({ hasText: ticket }).count(), 30_000).toBe(0);
  await poll(() => expoCard(ticket).count(), 30_000).toBe(0);
  await payCash(till.page);
  await till.page.getByRole('button', { name: 'Done' }).click();
}

describe.skipIf(onDemand)('kitchen flow: central server, hub, till, two station screens, expo and the ready board, each its own process', () => {
  it('sends, bumps, turns green, shows ready with the chime, serves; then through the hub alone, a void struck at once, a cut screen alarmed', async () => {
    onTestFailed(async () => {
      console.error(shop.tails());
      for (const url of [shop.hubUrl, shop.centralUrl]) {
        const orders = await shop.docs(url, 'orders').catch((e: unknown) => String(e));
        console.error(`orders at ${url}:`, typeof orders === 'string' ? orders : orders.map((o) => o.id));
      }
      for (const device of devices) {
        const requests = await device.page.evaluate(() => performance.getEntriesByType('resource').slice(-8).map((e) => e.name)).catch(() => []);
        console.error(`${device.name} last requests:`, requests);
      }
      mkdirSync(SHOTS, { recursive: true });
      for (const [name, page] of [['till', till.page], ...devices.map((d) => [d.name, d.page] as const)] as const)
        await page.screenshot({ path: join(SHOTS, `failed-${name}.png`) }).catch(() => undefined);
    });
    await pairInPage(till.page, { serverUrl: shop.centralUrl, pairingCode: () => Promise.resolve(till.pairingCode) });
    await waitForPinPad(till.page);
    await logInAndOpenShift(till.page, MANAGER_PIN);
    await nav('Sync');
    await poll(() => till.page.getByTestId('sync-route').getAttribute('data-via'), 60_000).toBe('hub');
    await nav('Order');
    step('till paired, shift open, syncing through the hub');

    // 1. With the central server up.
    const first = await sendTakeaway('central up', [/^Tarte Tatin/]);
    await boardColumn('preparing').filter({ hasText: first }).waitFor({ timeout: 30_000 });
    await poll(kitchenStatus, 30_000).toBe('new');
    expect(await axeProblems(pastry.page)).toEqual([]);
    expect(await axeProblems(expo.page)).toEqual([]);
    for (const screen of [bar, pastry, expo]) expect(await shoot(screen, screen.name)).toEqual([]);
    const firstNotes = await chimeNotes(board.page);
    await bumpBoth(first);
    await readyThenServed(first, firstNotes, async () => {
      expect(await axeProblems(board.page)).toEqual([]);
      expect(await shoot(board, 'board')).toEqual([]);
    });
    step(`ticket ${first} served with the central server up`);

    // 2. The internet is cut (the central server is SIGKILLed): the same flow through the hub alone.
    await shop.central!.stop('SIGKILL');
    const second = await sendTakeaway('hub alone', [/^Tarte Tatin/, /^Mousse au chocolat/]);
    // A void after the send: the mousse is struck on the pastry screen as soon as it arrives.
    // The line is picked again if a sync re-render dropped the pick before Void was enabled.
    const voidButton = till.page.getByRole('button', { name: 'Void', exact: true });
    await poll(async () => {
      await till.page.getByRole('list', { name: 'Order' }).getByText(/^Mousse au chocolat/).click();
      return voidButton.isEnabled();
    }, 30_000).toBe(true);
    await voidButton.click();
    await till.page.getByLabel('Reason').fill('guest changed their mind');
    await till.page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
    await till.page.getByRole('heading', { name: 'Manager approval' }).waitFor();
    await typePin(till.page, MANAGER_PIN);
    const voidedAt = Date.now();
    const mousse = cards(pastry.page, second).getByTestId('kitchen-line').filter({ hasText: 'Mousse' });
    await poll(() => mousse.getAttribute('data-struck'), 30_000).toBe('all');
    step(`void struck on the pastry screen ${Date.now() - voidedAt} ms after the manager's PIN`);
    expect(await shoot(pastry, 'pastry-void')).toEqual([]);
    const secondNotes = await chimeNotes(board.page);
    await bumpBoth(second);
    await readyThenServed(second, secondNotes);
    step(`ticket ${second} served through the hub alone`);

    // 3. The bar screen's cable is pulled (the hub and the central server out of its reach): its alarm shows.
    barLink.setOnline(false);
    const cutAt = Date.now();
    await bar.page.getByTestId('kitchen-alarm').waitFor({ timeout: 40_000 });
    const alarmMs = Date.now() - cutAt;
    step(`bar screen alarm ${alarmMs} ms after its link was cut`);
    // The alarm is for 10 s of silence; it may not come before it.
    expect(alarmMs).toBeGreaterThanOrEqual(5000);
    expect(await pastry.page.getByTestId('kitchen-alarm').count()).toBe(0);
    expect(await shoot(bar, 'bar-alarm')).toEqual([]);
    barLink.setOnline(true);
    await bar.page.getByTestId('kitchen-alarm').waitFor({ state: 'detached', timeout: 60_000 });
    expect(pageErrors).toEqual([]);
  });
});
