import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NOTICE_MS, TILL_LOCALE_KEY, createAppStore, staffLocaleKey } from './app-store';

function memorySettings(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    get: (key: string) => Promise.resolve(values.get(key) ?? null),
    set: (key: string, value: unknown) => {
      values.set(key, value);
      return Promise.resolve();
    },
  };
}

describe('app store notices', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a notice goes away after NOTICE_MS; an error stays until dismissed', () => {
    const app = createAppStore('en');
    app.getState().toast({ key: 'order.voidedToast', params: { number: 'A-1' } }, 'success');
    app.getState().toast({ key: 'search.unknownBarcode', params: { code: '123' } }, 'error');
    vi.advanceTimersByTime(NOTICE_MS - 1);
    expect(app.getState().toasts.map((t) => t.tone)).toEqual(['success', 'error']);
    vi.advanceTimersByTime(1);
    expect(app.getState().toasts.map((t) => t.tone)).toEqual(['error']);
    vi.advanceTimersByTime(60 * NOTICE_MS);
    const [error] = app.getState().toasts;
    expect(error?.tone).toBe('error');
    app.getState().dismiss(error!.id);
    expect(app.getState().toasts).toEqual([]);
  });
});

describe('app store language', () => {
  it('is not ready until both the stored choices and the branch are known', async () => {
    const app = createAppStore('en', memorySettings());
    app.getState().setBranchLocale('fr-FR');
    expect(app.getState().localeReady).toBe(false);
    await app.getState().loadLocale(null);
    expect(app.getState()).toMatchObject({ localeReady: true, locale: 'fr' });
  });

  it('staff choice over till choice over branch; a stale load does not undo a later one', async () => {
    const settings = memorySettings({ [TILL_LOCALE_KEY]: 'en', [staffLocaleKey('lea')]: 'fr' });
    const app = createAppStore('en', settings);
    app.getState().setBranchLocale('fr-FR');
    const atLogin = app.getState().loadLocale('lea');
    const atLogout = app.getState().loadLocale(null);
    await Promise.all([atLogin, atLogout]);
    expect(app.getState().locale).toBe('en');
    await app.getState().loadLocale('lea');
    expect(app.getState().locale).toBe('fr');
    await app.getState().chooseLocale('en');
    expect(settings.values.get(staffLocaleKey('lea'))).toBe('en');
    settings.values.set(TILL_LOCALE_KEY, 'not-a-locale');
    settings.values.delete(staffLocaleKey('lea'));
    await app.getState().loadLocale(null);
    expect(app.getState().locale).toBe('fr');
  });
});
