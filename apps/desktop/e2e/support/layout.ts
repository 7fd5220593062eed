import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Counter touch screens the till must fit without page scroll, smallest first. */
export const SCREEN_SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Git-ignored folder for the screenshots (`.test-results/` is in .gitignore). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', '.test-results', 'layout');

/** The smallest size a touch target may have, in CSS pixels. */
export const MIN_TOUCH = 44;

export interface LayoutReport {
  /** Page scroll: the document is taller or wider than the window. */
  pageScroll: { scrollHeight: number; innerHeight: number; scrollWidth: number; innerWidth: number } | null;
  /** Visible buttons smaller than {@link MIN_TOUCH} (text and size). */
  smallButtons: string[];
  /** Primary actions not wholly inside the window (name and box). */
  offscreen: string[];
}

/**
 * Measures the screen as shown: page scroll, touch targets and whether each primary action lies
 * inside the window. Buttons inside a scrolled pane count with their real size wherever they are.
 */
export async function measureLayout(page: Page, primary: readonly Locator[]): Promise<LayoutReport> {
  const { pageScroll, smallButtons } = await page.evaluate((min) => {
    const doc = document.scrollingElement ?? document.documentElement;
    const scroll = { scrollHeight: doc.scrollHeight, innerHeight: window.innerHeight, scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth };
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, [role="button"], [role="tab"], select')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.width < min - 0.5 || r.height < min - 0.5) small.push(`${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return { pageScroll: scroll.scrollHeight > scroll.innerHeight || scroll.scrollWidth > scroll.innerWidth ? scroll : null, smallButtons: small };
  }, MIN_TOUCH);
  const viewport = page.viewportSize()!;
  const offscreen: string[] = [];
  for (const action of primary) {
    const box = await action.boundingBox();
    const inside = box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;
    if (!inside) offscreen.push(`${await action.innerText().catch(() => String(action))} ${box ? `${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)}` : 'not shown'}`);
  }
  return { pageScroll, smallButtons, offscreen };
}

/**
 * Shows the current screen at every size in {@link SCREEN_SIZES}, writes a screenshot of each and
 * returns the problems found, keyed "screen@WxH" (empty when everything fits).
 */
export async function checkScreenAtEverySize(page: Page, screen: string, primary: () => readonly Locator[]): Promise<Record<string, LayoutReport>> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const problems: Record<string, LayoutReport> = {};
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    // Two frames: the resize lays out, then scroll panes settle.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${screen}-${size.width}x${size.height}.png`) });
    const report = await measureLayout(page, primary());
    if (report.pageScroll || report.smallButtons.length > 0 || report.offscreen.length > 0) problems[`${screen}@${size.width}x${size.height}`] = report;
  }
  return problems;
}
