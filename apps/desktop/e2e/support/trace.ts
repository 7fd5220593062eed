import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Wall-clock time of day to the millisecond (UTC): the same clock in every device's log. */
const clockTime = (at = Date.now()) => new Date(at).toISOString().slice(11, 23);

/**
 * With `COMANDA_E2E_TRACE=<folder>`, writes what a till's (or kitchen screen's) page logs and every
 * tRPC request it makes (sent, answered, failed; UTC time of day, so the logs of several devices
 * line up) to `<folder>/<name>.log`: enough to tell a push that never left from a notice never
 * heard or a pull never made, and where the time of a change from one device to another went.
 */
export function traceTill(page: Page, name: string): void {
  const folder = process.env.COMANDA_E2E_TRACE;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.log`);
  const log = (line: string) => appendFileSync(file, `${clockTime()} ${line}\n`);
  const trpc = (url: string) => (url.includes('/trpc/') ? decodeURIComponent(url).slice(0, 240) : null);
  page.on('console', (message) => log(`console.${message.type()} ${message.text()}`));
  page.on('request', (request) => {
    const url = trpc(request.url());
    if (!url) return;
    // A push names its collection and documents in its body only.
    const body = request.method() === 'POST' ? ` ${pushSummary(request.postData())}` : '';
    log(`-> ${request.method()} ${url}${body}`);
  });
  page.on('requestfinished', (request) => {
    const url = trpc(request.url());
    if (!url) return;
    // The browser's own times (sent, first byte, last byte), not when this process heard of them.
    const { startTime, responseStart, responseEnd } = request.timing();
    const at = (offset: number) => clockTime(startTime + Math.max(0, offset));
    void request.response().then(
      async (response) => {
        const pulled = url.includes('sync.pull') ? ` ${pullSummary(await response?.text().catch(() => null))}` : '';
        log(`<- ${String(response?.status())} sent ${at(0)} first byte ${at(responseStart)} done ${at(responseEnd)} ${url}${pulled}`);
      },
      () => undefined,
    );
  });
  page.on('requestfailed', (request) => {
    const url = trpc(request.url());
    if (url) log(`xx ${request.failure()?.errorText ?? 'failed'} ${url}`);
  });
}

/** `orders [id@updatedAt, …]` of a push body (tRPC's `{ collection, rows }`), or nothing. */
function pushSummary(body: string | null): string {
  try {
    const { collection, rows } = JSON.parse(body ?? '') as { collection?: string; rows?: { newDocumentState: { id: string; updatedAt: number } }[] };
    if (!collection || !rows) return '';
    return `${collection} [${rows.map((r) => `${r.newDocumentState.id.slice(-6)}@${r.newDocumentState.updatedAt}`).join(', ')}]`;
  } catch {
    return '';
  }
}

/** The documents a (batched) pull answer holds: `[id@updatedAt, …]` per call. */
function pullSummary(body: string | null | undefined): string {
  try {
    const calls = JSON.parse(body ?? '') as { result?: { data?: { documents?: { id: string; updatedAt: number }[] } } }[];
    return (Array.isArray(calls) ? calls : [calls])
      .map((c) => `[${(c.result?.data?.documents ?? []).map((d) => `${d.id.slice(-6)}@${d.updatedAt}`).join(', ')}]`)
      .join(' ');
  } catch {
    return '';
  }
}
