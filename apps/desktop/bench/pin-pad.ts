import type { Page } from 'playwright-core';

/** When the PIN pad became usable (its "1" key enabled), in the page's `performance.now()` ms. */
export async function pinPadReadyAt(page: Page): Promise<number> {
  const ready = await page.waitForFunction(
    () => {
      const digit = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '1');
      return digit && !digit.disabled ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await ready.jsonValue()) as number;
}
