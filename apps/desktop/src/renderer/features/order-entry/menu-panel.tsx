import { useMemo, useRef, useState } from 'react';
import type { ResolvedItem } from '@comanda/core/menu';
import { categoryColor, validateModifierSelection } from '@comanda/core/menu';
import { CategoryGrid, ItemGrid, Loading, ModifierDialog, SearchBox, useI18n, type ModifierSelection } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { itemForCode, itemsForScan, searchItems } from './menu-search';
import { useBarcodeWedge } from './use-barcode-wedge';

const toChoices = (selection: ModifierSelection) =>
  Object.entries(selection).flatMap(([groupId, ids]) => ids.map((optionId) => ({ groupId, optionId })));

/** Category grid, search and barcode input; items with options open the modifier dialog. */
export function MenuPanel() {
  const { menu, menuLoading, order, app } = useTill();
  const { t } = useI18n();
  const [chosenCategoryId, setCategoryId] = useState<string | null>(menu.categories[0]?.id ?? null);
  // The menu may arrive (or change) after mounting: fall back to its first category.
  const categoryId = menu.categories.some((c) => c.id === chosenCategoryId) ? chosenCategoryId : (menu.categories[0]?.id ?? null);
  const [query, setQuery] = useState('');
  const [pending, setPending] = useState<ResolvedItem | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const items = useMemo(
    () => {
      if (!query.trim()) return menu.categories.find((c) => c.id === categoryId)?.items ?? [];
      const scanned = itemsForScan(menu, query);
      return scanned.length > 0 ? [...scanned] : searchItems(menu, query);
    },
    [menu, query, categoryId],
  );

  const colors = useMemo(() => new Map(menu.categories.map((c) => [c.id, categoryColor(c)])), [menu]);
  // With no order open, adding starts one (the store uses the branch's default order type).
  const choose = (item: ResolvedItem) => {
    if (item.modifierGroupIds.length > 0) setPending(item);
    else void order.getState().addItem(item, menu.modifierGroups);
  };
  /** Adds what a code stands for exactly; true when it was handled (added, or the cashier told why not). */
  const addExact = (code: string): boolean => {
    const match = itemForCode(menu, code);
    if (match.kind === 'item') {
      choose(match.item);
      setQuery('');
      return true;
    }
    if (match.kind === 'ambiguous') {
      app.getState().toast({ key: 'search.ambiguousBarcode', params: { code, items: match.items.map((i) => i.name).join(', ') } }, 'error');
      return true;
    }
    return false;
  };
  // A scanner typing while no field has focus: exact matches only, never a guess.
  const scan = (code: string) => {
    if (!addExact(code)) app.getState().toast({ key: 'search.unknownBarcode', params: { code } }, 'error');
  };
  // Enter in the search box (typed, or scanned into it): exact first, else the only search result.
  const submit = (text: string) => {
    if (addExact(text)) return;
    const only = searchItems(menu, text, 2);
    if (only.length === 1 && only[0]) {
      choose(only[0]);
      setQuery('');
    } else if (only.length === 0) app.getState().toast({ key: 'search.unknownBarcode', params: { code: text } }, 'error');
  };
  useBarcodeWedge(scan, pending === null);

  const groups = pending
    ? pending.modifierGroupIds.flatMap((id) => {
        const g = menu.modifierGroups[id];
        return g ? [{ id: g.id, name: g.name, min: g.min, max: g.max, options: g.options }] : [];
      })
    : [];

  return (
    <section className="cmd-menu" aria-label={t('menu.items')}>
      <SearchBox ref={searchRef} value={query} onChange={setQuery} onSubmit={submit} />
      {query.trim() ? null : (
        <CategoryGrid
          categories={menu.categories.map((c) => ({ id: c.id, name: c.name, color: categoryColor(c) }))}
          selectedId={categoryId}
          onSelect={setCategoryId}
        />
      )}
      {menuLoading ? <Loading label={t('menu.loading')} /> : null}
      <ItemGrid
        items={items.map((i) => ({ id: i.id, name: i.name, price: i.price, available: i.available, hasModifiers: i.modifierGroupIds.length > 0, color: colors.get(i.categoryId) }))}
        onSelect={(id) => {
          const item = menu.items[id];
          if (item) choose(item);
        }}
        emptyMessage={query.trim() ? t('search.noResults', { query }) : undefined}
      />
      {pending ? (
        <ModifierDialog
          itemName={pending.name}
          basePrice={pending.price}
          groups={groups}
          validate={(selection) => {
            const error = validateModifierSelection(pending, menu.modifierGroups, toChoices(selection));
            return error ? { groupId: error.groupId, message: error.message } : null;
          }}
          onCancel={() => setPending(null)}
          onConfirm={(selection) => {
            const item = pending;
            setPending(null);
            void order.getState().addItem(item, menu.modifierGroups, toChoices(selection));
          }}
        />
      ) : null}
    </section>
  );
}
