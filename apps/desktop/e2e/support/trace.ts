import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * With `COMANDA_E2E_TRACE=<folder>`, writes what a till's page logs and every tRPC request it makes
 * (sent, answered, failed; seconds since the page opened) to `<folder>/<name>.log`: enough to tell
 * a push that never left from a notice never heard or a pull never made.
 */
export function traceTill(page: Page, name: string): void {
  const folder = process.env.COMANDA_E2E_TRACE;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.log`);
  const started = Date.now();
  const log = (line: string) => appendFileSync(file, `${((Date.now() - started) / 1000).toFixed(3)} ${line}\n`);
  const trpc = (url: string) => (url.includes('/trpc/') ? url.slice(0, 200) : null);
  page.on('console', (message) => log(`console.${message.type()} ${message.text()}`));
  page.on('request', (request) => {
    const url = trpc(request.url());
    if (url) log(`-> ${request.method()} ${url}`);
  });
  page.on('requestfinished', (request) => {
    const url = trpc(request.url());
    if (url) void request.response().then((response) => log(`<- ${String(response?.status())} ${url}`), () => undefined);
  });
  page.on('requestfailed', (request) => {
    const url = trpc(request.url());
    if (url) log(`xx ${request.failure()?.errorText ?? 'failed'} ${url}`);
  });
}
