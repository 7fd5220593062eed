import { createBackofficeI18n, type BackofficeI18n, type Locale } from '@comanda/ui';
import { createContext, useContext } from 'react';

/** A branch as the back office uses it (from `owner.branches.list`). */
export interface BranchInfo {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  businessDayStartHour: number;
}

/** What every screen reads: the translator, the branches and the one picked in the header. */
export interface ShellState {
  i18n: BackofficeI18n;
  locale: Locale;
  branches: readonly BranchInfo[];
  /** The branch picked in the header, or null for all branches. */
  branch: BranchInfo | null;
  role: string;
}

export const ShellContext = createContext<ShellState>({
  i18n: createBackofficeI18n('en'),
  locale: 'en',
  branches: [],
  branch: null,
  role: 'owner',
});

export function useShell(): ShellState {
  return useContext(ShellContext);
}

/** The branch whose currency and zone format amounts when "all branches" is picked. */
export function formattingBranch(state: ShellState): BranchInfo | null {
  return state.branch ?? state.branches[0] ?? null;
}
