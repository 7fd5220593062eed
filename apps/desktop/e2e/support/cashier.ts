import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Steps of the cashier's workflow (`CashierApp`), as a person does them. */

export function poll<T>(read: () => Promise<T>, timeout = 20_000) {
  return expect.poll(read, { timeout, interval: 200 });
}

export const orderLines = (page: Page) => page.locator('ol.cmd-cart > li.cmd-line');
export const savedBadge = (page: Page) => page.getByText('Saved', { exact: true });

/** The ticket on screen ("Ticket 12 · Takeaway" → "12"). */
export async function ticketOnScreen(page: Page): Promise<string> {
  const heading = page.locator('#order-title, #payment-title');
  await poll(() => heading.innerText().catch(() => '')).toMatch(/Ticket \S+/);
  return /Ticket (\S+)/.exec(await heading.innerText())![1]!;
}

export async function startTakeaway(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Takeaway', exact: true }).click();
  return ticketOnScreen(page);
}

export async function addItem(page: Page, category: string, item: RegExp): Promise<void> {
  await page.getByRole('button', { name: category, exact: true }).click();
  await page.getByRole('button', { name: item }).first().click();
}

/**
 * Waits until the screen shows `lines` lines and "Saved": the line count and the save state
 * change in one render, so a "Saved" seen with the new count is the new version's.
 */
export async function waitSaved(page: Page, lines: number): Promise<void> {
  await poll(() => orderLines(page).count()).toBe(lines);
  await savedBadge(page).waitFor({ timeout: 20_000 });
}

/** Pays the order on screen in cash, exact amount; returns once the screen says paid and saved. */
export async function payCash(page: Page, waitForIt = true): Promise<void> {
  await page.getByRole('button', { name: 'Pay', exact: true }).click();
  await page.getByRole('tab', { name: 'Cash' }).click();
  await page.getByRole('button', { name: 'Exact' }).click();
  await page.getByRole('button', { name: /^Take / }).click();
  if (!waitForIt) return;
  await page.getByText('Paid in full').first().waitFor({ timeout: 20_000 });
  await savedBadge(page).waitFor({ timeout: 20_000 });
}

/**
 * Every ticket in the till's history (all statuses), read from the History screen. The screen is
 * opened once and its rows polled: it follows the orders stored while it is open (its own and those
 * pulled from other tills), so a ticket that arrives later must appear without reopening it.
 */
export async function historyTickets(page: Page, atLeast: number, timeout = 20_000, allShifts = false): Promise<string[]> {
  const rows = page.locator('table.cmd-table tbody tr');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  // History lists this shift's orders by default; the branch's others on request.
  if (allShifts) await page.getByLabel('This shift only').uncheck();
  let tickets: string[] = [];
  try {
    await expect
      .poll(async () => (tickets = await rows.locator('td:first-child').allInnerTexts()).length, { timeout, interval: 250 })
      .toBeGreaterThanOrEqual(atLeast);
  } finally {
    await page.getByRole('button', { name: 'Order', exact: true }).click();
  }
  return tickets;
}
