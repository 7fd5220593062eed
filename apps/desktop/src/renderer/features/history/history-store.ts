import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Order, OrderQuery, TillPorts } from '../../till-ports';

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
  loading: boolean;
  error: string | null;
  setText: (text: string) => void;
  setFilter: (filter: HistoryFilter) => void;
  setToday: (today: boolean) => void;
  search: () => Promise<void>;
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
    loading: false,
    error: null,
    setText: (text) => set({ text }),
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
  }));
}
