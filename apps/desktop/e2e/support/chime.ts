import type { BrowserContext, Page } from 'playwright-core';

/**
 * Counts the ready board's chime: every oscillator a page of this context creates adds one to
 * `window.chimeNotes` (the board has no other sound), read back with {@link chimeNotes}.
 */
export async function countChimes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { chimeNotes: number };
    w.chimeNotes = 0;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.chimeNotes++;
      return create.call(this);
    };
  });
}

/** The chime notes a page has played so far (see {@link countChimes}). */
export function chimeNotes(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { chimeNotes: number }).chimeNotes);
}
