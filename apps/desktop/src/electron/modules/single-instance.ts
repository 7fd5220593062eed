import { app, type BrowserWindow } from 'electron';

/**
 * One till process per machine: two would open the same IndexedDB and race on the print queue.
 * Returns false when another instance owns the lock (this one should quit).
 */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const window = getWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  return true;
}
