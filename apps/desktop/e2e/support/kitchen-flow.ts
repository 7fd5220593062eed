import { join } from 'node:path';
import { freePort, ownerClient } from '@comanda/sync-server/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { BranchShop } from './branch.js';
import { countChimes } from './chime.js';
import { CHROMIUM, CHROMIUM_ARGS, openTill } from './chromium.js';
import { startTillHostProcess } from './processes.js';
import { traceTill } from './trace.js';

/** A device of the kitchen flow (a kitchen screen or the board) with what the test closes. */
export interface FlowDevice {
  name: string;
  page: Page;
  close(): Promise<void>;
}

/** Where the host of a till or kitchen screen keeps its device settings, and how to call it. */
interface HostAddress {
  origin: string;
  secret: string;
}

/**
 * Sets the branch hub a till or kitchen screen replicates through, as the till's Sync settings do
 * (a kitchen screen has no screen for it): through the host's device settings.
 */
export async function setHubUrl(host: HostAddress, hubUrl: string): Promise<void> {
  const res = await fetch(`${host.origin}/host/settings.update`, {
    method: 'POST',
    headers: { origin: host.origin, authorization: `Bearer ${host.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ hubUrl }),
  });
  if (!res.ok) throw new Error(`hub URL not saved (${res.status}: ${await res.text()})`);
}

/** Pairing codes made by the owner at the central server, as the back office's devices screen does. */
export async function pairingCodes(shop: BranchShop): Promise<() => Promise<string>> {
  const { client } = await ownerClient(`${shop.centralUrl}/trpc`, shop.seeded.owner.email, shop.seeded.owner.password);
  return async () => (await client.owner.devices.createPairingCode.mutate({ branchId: shop.branchId })).code;
}

/**
 * A kitchen screen as its own process (the till's Node host) and Chromium profile, paired by code
 * as a kitchen screen for `stations` (empty: expo) at `route.pairAt`: the hub (it forwards the
 * pairing to the central server; the screen then talks to the hub only, as a screen on the
 * kitchen's network would) or the central server with `route.hubUrl` set in its device settings
 * first (the till's failover set-up: the hub while it answers, else the central server), or with
 * `route.hubAfterPairing` saved once it is paired, then restarted.
 */
export async function startKitchenScreen(shop: BranchShop, name: string, stations: string, code: string, route: { pairAt: string; hubUrl?: string; hubAfterPairing?: string }): Promise<FlowDevice> {
  const host = await startTillHostProcess(`screen ${name}`, join(shop.dir, `screen-${name}`), await freePort());
  let context: BrowserContext | null = null;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await host.process.stop();
  };
  try {
    if (route.hubUrl) await setHubUrl(host, route.hubUrl);
    const opened = await openTill(join(shop.dir, `profile-screen-${name}`), host.url);
    context = opened.context;
    const { page } = opened;
    traceTill(page, `screen-${name}`);
    await page.getByTestId('pair-url').fill(route.pairAt);
    await page.getByTestId('pair-code').fill(code);
    await page.getByTestId('pair-name').fill(name);
    await page.getByTestId('pair-kitchen').check();
    await page.getByTestId('pair-stations').fill(stations);
    await page.getByTestId('pair-submit').click();
    await page.getByTestId('kitchen-display').waitFor({ timeout: 60_000 });
    if (route.hubAfterPairing) {
      // Given the hub once paired (it has no screen for it): saved in its device settings, then
      // the screen restarts (its renderer reads them at start).
      await setHubUrl(host, route.hubAfterPairing);
      await page.reload();
      await page.getByTestId('kitchen-display').waitFor({ timeout: 60_000 });
    }
    await recordCardArrivals(page);
    return { name, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * From now on, `page` (a kitchen screen) notes when each ticket's card first shows: `Date.now()`
 * in the animation frame after the card entered the DOM (the frame it is painted in), keyed
 * `${orderId}:${stationId}`. Read with {@link cardShownAt}. Every process of the test reads the
 * same system clock, so it compares with times recorded by the till.
 */
async function recordCardArrivals(page: Page): Promise<void> {
  await page.evaluate(() => {
    const shownAt = new Map<string, number>();
    (window as unknown as { cardShownAt: Map<string, number> }).cardShownAt = shownAt;
    const pending = new Set<string>();
    new MutationObserver(() => {
      for (const card of document.querySelectorAll<HTMLElement>('[data-testid="kitchen-card"]')) {
        const key = `${card.dataset.order ?? ''}:${card.dataset.station ?? ''}`;
        if (shownAt.has(key) || pending.has(key)) continue;
        pending.add(key);
        requestAnimationFrame(() => {
          shownAt.set(key, Date.now());
          pending.delete(key);
        });
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

/** When the card of `orderId`'s ticket for `stationId` first showed on `page` (epoch ms), null if not yet. */
export function cardShownAt(page: Page, orderId: string, stationId: string): Promise<number | null> {
  return page.evaluate((key) => (window as unknown as { cardShownAt: Map<string, number> }).cardShownAt.get(key) ?? null, `${orderId}:${stationId}`);
}

/**
 * Arms the till's clock for the next send: `Date.now()` as soon as the order on screen shows both
 * a kitchen status (it was sent) and "Saved" (`OrderStatusBadges`: set only after the write
 * committed), the moment the send is saved as the cashier sees it. Read with {@link sendSavedAt}.
 */
export async function armSendClock(till: Page): Promise<void> {
  await till.evaluate(() => {
    const w = window as unknown as { sendSavedAt: number | null; sendClock?: MutationObserver };
    w.sendClock?.disconnect();
    w.sendSavedAt = null;
    const check = () => {
      const status = document.querySelector('[data-testid="kitchen-status"]')?.getAttribute('data-status');
      const saved = document.querySelector('li[data-status="save"]')?.classList.contains('cmd-badge-ok');
      if (status === 'new' && saved) {
        w.sendSavedAt = Date.now();
        w.sendClock?.disconnect();
      }
    };
    w.sendClock = new MutationObserver(check);
    w.sendClock.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** When the send armed by {@link armSendClock} was saved (epoch ms), null if not yet. */
export function sendSavedAt(till: Page): Promise<number | null> {
  return till.evaluate(() => (window as unknown as { sendSavedAt: number | null }).sendSavedAt);
}

/**
 * The customer ready board: Chromium at 1920×1080 on the hub's `/board`, paired there by code (the
 * hub forwards the pairing to the central server). The chime's notes are counted at the WebAudio
 * API (`window.chimeNotes`), as the board's own e2e does.
 */
export async function openBoard(hubUrl: string, code: string): Promise<FlowDevice> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const close = () => browser.close().catch(() => undefined);
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    await countChimes(context);
    const page = await context.newPage();
    await page.goto(`${hubUrl}/board`);
    await page.getByLabel('Pairing code').fill(code);
    await page.getByRole('button', { name: 'Pair' }).click();
    await page.locator('.board-columns').waitFor({ timeout: 60_000 });
    return { name: 'board', page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Notes the board's chime has played so far. */
export { chimeNotes } from './chime.js';
