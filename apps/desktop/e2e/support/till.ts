import type { Page } from 'playwright-core';
import { toMajorUnits } from '@comanda/core/money';
import type { TestShop } from './shop.js';

/** Clicks the digits of `pin` on the PIN pad on top (a manager-approval dialog's pad over the screen's). */
export async function typePin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.getByRole('button', { name: d, exact: true }).last().click();
}

/**
 * Saves one printer on the till's host that prints every station and the receipt, pointed at a
 * virtual printer on `port`; returns the host's answer for the test to check.
 */
export function saveCounterPrinter(shop: { host: { origin: string; secret: string } }, port: number): Promise<Response> {
  return fetch(`${shop.host.origin}/host/printers.save`, {
    method: 'POST',
    headers: { origin: shop.host.origin, authorization: `Bearer ${shop.host.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ printers: [{ id: 'counter', name: 'Counter', host: '127.0.0.1', port, stations: ['kitchen', 'grill', 'pastry', 'bar', 'receipt'] }] }),
  });
}

/** Pairs the till with the shop's server through the pairing screen (URL and a fresh code). */
export async function pairInPage(page: Page, shop: Pick<TestShop, 'serverUrl' | 'pairingCode'>): Promise<void> {
  await page.getByTestId('pair-url').fill(shop.serverUrl);
  await page.getByTestId('pair-code').fill(await shop.pairingCode());
  await page.getByTestId('pair-submit').click();
}

const PIN_TITLE = { en: 'Enter your PIN', fr: 'Saisissez votre code' } as const;

/**
 * Waits for the PIN pad (after pairing the first menu sync can take a while), which speaks the
 * branch's language (the demo branch is fr-FR), then picks `language` on the lock screen as a
 * person would; the till keeps that choice across restarts.
 */
export async function waitForPinPad(page: Page, language: 'en' | 'fr' = 'en'): Promise<void> {
  await page.getByRole('heading', { name: new RegExp(`^(${PIN_TITLE.en}|${PIN_TITLE.fr})$`) }).waitFor({ timeout: 30_000 });
  const select = page.getByTestId('locale-select');
  if ((await select.inputValue()) !== language) await select.selectOption(language);
  await page.getByRole('heading', { name: PIN_TITLE[language] }).waitFor();
}

/** From the PIN pad: logs in with `pin` and opens the shift with `float` (minor units) in the drawer. */
export async function logInAndOpenShift(page: Page, pin: string, float = 10000): Promise<void> {
  await typePin(page, pin);
  await page.getByRole('heading', { name: 'Open the shift' }).waitFor();
  // Typed as a cashier types money: "100.00", not minor units.
  await page.getByLabel('Opening float').fill(toMajorUnits(float, 2));
  await page.getByRole('button', { name: 'Open shift' }).click();
}
