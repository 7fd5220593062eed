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

/** The selection after a key, and whether to bump the selected card or recall. */
export function applyKitchenKey(
  action: KitchenKeyAction,
  selected: number,
  count: number,
): { selected: number; bump: number | null; recall: boolean } {
  switch (action.kind) {
    case 'select':
      if (action.index >= count) return { selected, bump: null, recall: false };
      return action.index === selected ? { selected, bump: selected, recall: false } : { selected: action.index, bump: null, recall: false };
    case 'bump':
      return { selected, bump: selected < count ? selected : null, recall: false };
    case 'recall':
      return { selected, bump: null, recall: true };
    case 'move':
      return { selected: count === 0 ? 0 : Math.min(count - 1, Math.max(0, selected + action.by)), bump: null, recall: false };
  }
}
