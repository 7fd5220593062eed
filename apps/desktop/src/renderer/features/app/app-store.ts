import { createStore, type StoreApi } from 'zustand/vanilla';
import { localeOf, parseLocale, type Locale, type ToastMessage } from '@comanda/ui';
import type { SettingsPorts } from '../../till-ports';

export type Screen = 'order' | 'payment' | 'tabs' | 'history' | 'shift' | 'printers' | 'print-queue' | 'sync';

/** How long a notice (not an error) stays on screen. */
export const NOTICE_MS = 4000;

/** Device setting: the language chosen on this till's lock screen (overrides the branch's). */
export const TILL_LOCALE_KEY = 'locale:till';
/** Device setting: the language a staff member chose on this till (overrides the till's). */
export const staffLocaleKey = (staffId: string) => `locale:staff:${staffId}`;

/** Where the language comes from, most specific first: staff member, till, branch. */
export interface LocaleChoice {
  branch: Locale;
  till: Locale | null;
  staff: Locale | null;
  staffId: string | null;
}

export interface AppState {
  screen: Screen;
  locale: Locale;
  /** False until the stored choices are read (the till then starts in the right language). */
  localeReady: boolean;
  localeChoice: LocaleChoice;
  toasts: ToastMessage[];
  go: (screen: Screen) => void;
  /** Reads the till's choice and, with `staffId` logged in, theirs. */
  loadLocale: (staffId: string | null) => Promise<void>;
  /** The branch document's locale (`fr-FR`), the default when nobody chose. */
  setBranchLocale: (tag: string) => void;
  /** The language picked on screen: kept for the logged-in staff member, else for the till. */
  chooseLocale: (locale: Locale) => Promise<void>;
  /** Shows a notice (`info`, `success`: gone after {@link NOTICE_MS}) or an error (stays). */
  toast: (text: ToastMessage['text'], tone?: ToastMessage['tone']) => void;
  dismiss: (id: string) => void;
}

export type AppStore = StoreApi<AppState>;

function effective(choice: LocaleChoice): Locale {
  return choice.staff ?? choice.till ?? choice.branch;
}

/**
 * Navigation, language and notices: UI state only. Language choices persist in `settings`
 * (without it, as in feature tests, a choice lasts for the store's life).
 */
export function createAppStore(locale: Locale, settings?: SettingsPorts): AppStore {
  let counter = 0;
  // Both must be known before the first screen, or it would flash in another language.
  let storedRead = settings === undefined;
  let branchKnown = settings === undefined;
  let loads = 0;
  const read = async (key: string) => parseLocale(settings ? await settings.get(key).catch(() => null) : null);
  return createStore<AppState>()((set, get) => {
    const update = (patch: Partial<LocaleChoice>) => {
      const localeChoice = { ...get().localeChoice, ...patch };
      set({ localeChoice, locale: effective(localeChoice), localeReady: storedRead && branchKnown });
    };
    return {
      screen: 'order',
      locale,
      localeReady: settings === undefined,
      localeChoice: { branch: locale, till: null, staff: null, staffId: null },
      toasts: [],
      go: (screen) => set({ screen }),
      loadLocale: async (staffId) => {
        const load = ++loads;
        const [till, staff] = await Promise.all([read(TILL_LOCALE_KEY), staffId ? read(staffLocaleKey(staffId)) : null]);
        if (load !== loads) return; // a later login or logout already asked
        storedRead = true;
        update({ till, staff, staffId });
      },
      setBranchLocale: (tag) => {
        branchKnown = true;
        update({ branch: localeOf(tag) });
      },
      chooseLocale: async (next) => {
        const { staffId } = get().localeChoice;
        update(staffId ? { staff: next } : { till: next });
        await settings?.set(staffId ? staffLocaleKey(staffId) : TILL_LOCALE_KEY, next);
      },
      toast: (text, tone = 'info') => {
        counter += 1;
        const id = `toast-${counter}`;
        set((s) => ({ toasts: [...s.toasts.slice(-3), { id, text, tone }] }));
        // An error waits for the cashier to read it; a notice must not pile up over the screen.
        if (tone !== 'error') setTimeout(() => get().dismiss(id), NOTICE_MS);
      },
      dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    };
  });
}
