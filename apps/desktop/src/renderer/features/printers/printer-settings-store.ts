import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PrinterSetting, PrinterSettings, PrinterStatusView, TillPorts } from '../../till-ports';
import { SETUP_KEYS } from '../app/setup-keys';
import {
  draftOf,
  EMPTY_DRAFT,
  validateDraft,
  type FieldErrors,
  type PrinterDraft,
} from './printer-form';

/** What happened with the last test page or status check of a printer, shown on its row. */
export interface PrinterNotice {
  tone: 'ok' | 'bad';
  kind: 'test-page' | 'status' | 'error';
  text: string;
}

export interface PrinterSettingsState {
  settings: PrinterSettings | null;
  loadError: string | null;
  /** The printer being added or edited; null when the form is closed. */
  draft: PrinterDraft | null;
  /** True when the draft is a new printer (or a branch printer copied to this till). */
  creating: boolean;
  errors: FieldErrors;
  /** A refusal of the whole save (the host's message), shown above the form. */
  formError: string | null;
  saving: boolean;
  busy: Record<string, 'test-page' | 'status' | undefined>;
  notices: Record<string, PrinterNotice | undefined>;
  load: () => Promise<void>;
  startAdd: () => void;
  startEdit: (id: string) => void;
  change: (patch: Partial<PrinterDraft>) => void;
  toggle: (list: 'stations' | 'backupStations', route: string) => void;
  cancel: () => void;
  /** Validates and saves; resolves true once the host saved and printing re-routed. */
  save: () => Promise<boolean>;
  remove: (id: string) => Promise<boolean>;
  testPage: (id: string) => Promise<void>;
  check: (id: string) => Promise<PrinterStatusView | null>;
}

export type PrinterSettingsStore = StoreApi<PrinterSettingsState>;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The printer settings screen's state: the form, saving through the ports, test pages and checks. */
export function createPrinterSettingsStore(ports: TillPorts): PrinterSettingsStore {
  return createStore<PrinterSettingsState>()((set, get) => {
    async function persist(device: PrinterSetting[]): Promise<boolean> {
      set({ saving: true, formError: null });
      try {
        const saved = await ports.printing.savePrinterSettings(device);
        set((s) => ({
          saving: false,
          settings: { branch: s.settings?.branch ?? [], device: saved },
        }));
        return true;
      } catch (e) {
        set({ saving: false, formError: message(e) });
        return false;
      }
    }
    async function act(
      id: string,
      kind: 'test-page' | 'status',
      run: () => Promise<PrinterNotice>,
    ): Promise<void> {
      set((s) => ({ busy: { ...s.busy, [id]: kind } }));
      let notice: PrinterNotice;
      try {
        notice = await run();
      } catch (e) {
        notice = { tone: 'bad', kind: 'error', text: message(e) };
      }
      set((s) => ({
        busy: { ...s.busy, [id]: undefined },
        notices: { ...s.notices, [id]: notice },
      }));
    }
    return {
      settings: null,
      loadError: null,
      draft: null,
      creating: false,
      errors: {},
      formError: null,
      saving: false,
      busy: {},
      notices: {},
      async load() {
        try {
          set({ settings: await ports.printing.loadPrinterSettings(), loadError: null });
        } catch (e) {
          set({ loadError: message(e) });
        }
      },
      startAdd: () =>
        set({ draft: { ...EMPTY_DRAFT }, creating: true, errors: {}, formError: null }),
      startEdit(id) {
        const s = get().settings;
        const own = s?.device.find((p) => p.id === id);
        const branch = s?.branch.find((p) => p.id === id);
        const printer = own ?? branch;
        // Editing a branch printer saves a copy on this till with the same id, which replaces it here.
        if (printer) set({ draft: draftOf(printer), creating: !own, errors: {}, formError: null });
      },
      change: (patch) => set((s) => (s.draft ? { draft: { ...s.draft, ...patch } } : {})),
      toggle(list, route) {
        const draft = get().draft;
        if (!draft) return;
        const has = draft[list].includes(route);
        set({
          draft: {
            ...draft,
            [list]: has ? draft[list].filter((r) => r !== route) : [...draft[list], route],
          },
        });
      },
      cancel: () => set({ draft: null, errors: {}, formError: null }),
      async save() {
        const { draft, settings } = get();
        if (!draft || !settings) return false;
        const others = settings.device.filter((p) => p.id !== draft.id);
        const otherNames = new Set(
          [...others, ...settings.branch.filter((p) => p.id !== draft.id)].map((p) =>
            p.name.trim().toLowerCase(),
          ),
        );
        const result = validateDraft(
          draft,
          new Set([...others, ...settings.branch].map((p) => p.id)),
          otherNames,
        );
        if (!result.ok) {
          set({ errors: result.errors });
          return false;
        }
        set({ errors: {} });
        const exists = settings.device.some((p) => p.id === result.printer.id);
        const device = exists
          ? settings.device.map((p) => (p.id === result.printer.id ? result.printer : p))
          : [...settings.device, result.printer];
        const ok = await persist(device);
        if (ok) set({ draft: null });
        return ok;
      },
      async remove(id) {
        const settings = get().settings;
        if (!settings) return false;
        return persist(settings.device.filter((p) => p.id !== id));
      },
      testPage: (id) =>
        act(id, 'test-page', async () => {
          await ports.printing.printTestPage(id);
          // The first-run checklist's "printers tested" step.
          await ports.settings.set(SETUP_KEYS.printerTested, ports.clock.now()).catch(() => undefined);
          return { tone: 'ok', kind: 'test-page', text: '' };
        }),
      async check(id) {
        let view: PrinterStatusView | null = null;
        await act(id, 'status', async () => {
          view = await ports.printing.checkPrinter(id);
          return {
            tone: view.state === 'online' ? 'ok' : 'bad',
            kind: 'status',
            text: view.message ?? '',
          };
        });
        return view;
      },
    };
  });
}
