import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Locale, ToastMessage } from '@comanda/ui';

export type Screen = 'order' | 'payment' | 'tabs' | 'history' | 'shift' | 'printers' | 'print-queue';

export interface AppState {
  screen: Screen;
  locale: Locale;
  toasts: ToastMessage[];
  go: (screen: Screen) => void;
  setLocale: (locale: Locale) => void;
  toast: (text: string, tone?: ToastMessage['tone']) => void;
  dismiss: (id: string) => void;
}

export type AppStore = StoreApi<AppState>;

/** Navigation, language and notices: UI state only. */
export function createAppStore(locale: Locale): AppStore {
  let counter = 0;
  return createStore<AppState>()((set) => ({
    screen: 'order',
    locale,
    toasts: [],
    go: (screen) => set({ screen }),
    setLocale: (next) => set({ locale: next }),
    toast: (text, tone = 'info') => {
      counter += 1;
      const id = `toast-${counter}`;
      set((s) => ({ toasts: [...s.toasts.slice(-3), { id, text, tone }] }));
    },
    dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  }));
}
