/** What a key does on a kitchen screen. */
export type KitchenKeyAction = { readonly kind: 'select'; readonly index: number } | { readonly kind: 'bump' } | { readonly kind: 'recall' } | { readonly kind: 'move'; readonly by: 1 | -1 };

/**
 * Keys of a keyboard or a bump bar (bump bars are USB keyboards sending these keys): digits 1–9
 * pick the n-th ticket (the same digit again bumps it), Enter or Space bump the picked one, the
 * arrows move along, R or Backspace recall the last bumped ticket.
 */
export const DEFAULT_BUMP_KEYS: Readonly<Record<string, KitchenKeyAction>> = {
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [String(i + 1), { kind: 'select', index: i } as const])),
  Enter: { kind: 'bump' },
  ' ': { kind: 'bump' },
  r: { kind: 'recall' },
  R: { kind: 'recall' },
  Backspace: { kind: 'recall' },
  ArrowRight: { kind: 'move', by: 1 },
  ArrowDown: { kind: 'move', by: 1 },
  ArrowLeft: { kind: 'move', by: -1 },
  ArrowUp: { kind: 'move', by: -1 },
};

/**
 * The selection after a key (null: no ticket picked yet, so a first digit never bumps by
 * surprise), and which card to bump or whether to recall.
 */
export function applyKitchenKey(
  action: KitchenKeyAction,
  selected: number | null,
  count: number,
): { selected: number | null; bump: number | null; recall: boolean } {
  const current = selected !== null && selected < count ? selected : null;
  switch (action.kind) {
    case 'select':
      if (action.index >= count) return { selected: current, bump: null, recall: false };
      return action.index === current ? { selected: current, bump: current, recall: false } : { selected: action.index, bump: null, recall: false };
    case 'bump':
      return { selected: current, bump: current, recall: false };
    case 'recall':
      return { selected: current, bump: null, recall: true };
    case 'move':
      return { selected: count === 0 ? null : Math.min(count - 1, Math.max(0, (current ?? (action.by > 0 ? -1 : count)) + action.by)), bump: null, recall: false };
  }
}
