import { join } from 'node:path';
import { freePort, ownerClient } from '@comanda/sync-server/testing';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { BranchShop } from './branch.js';
import { countChimes } from './chime.js';
import { CHROMIUM, CHROMIUM_ARGS, openTill } from './chromium.js';
import { startTillHostProcess } from './processes.js';

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
 * at the hub's `hubUrl` as a kitchen screen for `stations` (empty: expo).
 */
export async function startKitchenScreen(shop: BranchShop, name: string, stations: string, code: string, hubUrl: string): Promise<FlowDevice> {
  const host = await startTillHostProcess(`screen ${name}`, join(shop.dir, `screen-${name}`), await freePort());
  let context: BrowserContext | null = null;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await host.process.stop();
  };
  try {
    const opened = await openTill(join(shop.dir, `profile-screen-${name}`), host.url);
    context = opened.context;
    const { page } = opened;
    // Paired at the hub (it forwards the pairing to the central server): the screen talks to the
    // hub only, as a screen on the kitchen's network would.
    await page.getByTestId('pair-url').fill(hubUrl);
    await page.getByTestId('pair-code').fill(code);
    await page.getByTestId('pair-name').fill(name);
    await page.getByTestId('pair-kitchen').check();
    await page.getByTestId('pair-stations').fill(stations);
    await page.getByTestId('pair-submit').click();
    await page.getByTestId('kitchen-display').waitFor({ timeout: 60_000 });
    return { name, page, close };
  } catch (error) {
    await close();
    throw error;
  }
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
