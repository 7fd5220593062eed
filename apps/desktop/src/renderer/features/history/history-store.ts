import { MAX_SEARCH_DAYS, ticketQuerySchema } from '@comanda/core/sync';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Order, OrderQuery, TillPorts } from '../../till-ports';

const DAY_MS = 86_400_000;

export type HistoryFilter = 'all' | 'open' | 'paid' | 'refunded' | 'voided';

const STATUS: Record<HistoryFilter, readonly string[] | undefined> = {
  all: undefined,
  open: ['open', 'sent'],
  paid: ['paid', 'closed'],
  refunded: ['refunded'],
  voided: ['voided'],
};

export interface HistoryState {
  text: string;
  filter: HistoryFilter;
  /** Only orders of the current business day when true. */
  today: boolean;
  results: Order[];
  /** Orders found on the server (older than what this till holds), read-only until opened. */
  serverResults: Order[] | null;
  loading: boolean;
  error: string | null;
  setText: (text: string) => void;
  setFilter: (filter: HistoryFilter) => void;
  setToday: (today: boolean) => void;
  search: () => Promise<void>;
  /**
   * Keeps the results current while the screen is open: an order stored here (this till's or one
   * pulled from another till of the branch) re-runs the search. A burst of changes during a search
   * costs one more search after it, not one per change. Returns the way to stop following.
   */
  follow: () => () => void;
  /**
   * History on demand: the branch's orders on the server over the last 92 business days, by the
   * ticket typed in the search box ("12" or "B-12"); all of them when it holds no ticket.
   */
  searchServer: (today: string) => Promise<void>;
  /** Stores a server order here (same version: pushing it back is a no-op) so it can be opened. */
  adopt: (order: Order) => Promise<void>;
}

export type HistoryStore = StoreApi<HistoryState>;

/** Order history search: query and filters are UI state; results come from the ports. */
export function createHistoryStore(ports: TillPorts, dayStart: () => number): HistoryStore {
  let seq = 0;
  return createStore<HistoryState>()((set, get) => ({
    text: '',
    filter: 'all',
    today: true,
    results: [],
    serverResults: null,
    loading: false,
    error: null,
    setText: (text) => set({ text, serverResults: null }),
    setFilter: (filter) => set({ filter }),
    setToday: (today) => set({ today }),
    async search() {
      const { text, filter, today } = get();
      const query: OrderQuery = { limit: 100 };
      if (text.trim()) query.text = text.trim();
      const status = STATUS[filter];
      if (status) query.status = status;
      if (today) query.from = dayStart();
      seq += 1;
      const mine = seq;
      set({ loading: true, error: null });
      try {
        const results = await ports.orders.list(query);
        // A slower earlier search must not overwrite a newer one.
        if (mine === seq) set({ results, loading: false });
      } catch (error) {
        if (mine === seq) set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
    follow() {
      let searching: Promise<void> | null = null;
      let again = false;
      const refresh = () => {
        if (searching) {
          again = true;
          return;
        }
        searching = get()
          .search()
          .finally(() => {
            searching = null;
            if (again) {
              again = false;
              refresh();
            }
          });
      };
      let first = true;
      return ports.orders.subscribeStored(() => {
        // The first call is the current count: the screen searches when it opens.
        if (first) first = false;
        else refresh();
      });
    },
    async searchServer(today) {
      const text = get().text.trim();
      const ticket = ticketQuerySchema.safeParse(text);
      const from = new Date(Date.parse(today) - (MAX_SEARCH_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
      set({ loading: true, error: null });
      try {
        const serverResults = await ports.orders.searchServer({ from, to: today, ...(ticket.success ? { ticket: ticket.data } : {}) });
        set({ serverResults, loading: false });
      } catch (error) {
        set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      }
    },
    async adopt(order) {
      if (!(await ports.orders.get(order.id))) await ports.orders.save(order);
    },
  }));
}
