import { formatMoneyInput, parseMoneyInput } from '@comanda/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf, type FormError } from '../api/errors';
import { useShell } from '../shell/context';
import { ConflictNotice } from '../shell/conflict';
import { TableHead } from '../shell/table-head';
import { BulkEdit } from './bulk-edit';
import { ItemEditor } from './item-editor';
import type { MenuRecord } from './menu-save';
import { CategoriesSection, ModifierGroupsSection } from './menu-structure';

interface MenuRow {
  id: string;
  name: string;
  category: string;
  price: number;
  available: boolean;
  override: { price: number | null; available: boolean | null; updatedAt: number } | null;
}

/** Menu items with this branch's price and availability overrides; one-click 86. */
export function MenuScreen() {
  const { i18n, branch, branches } = useShell();
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<MenuRecord | 'new' | null>(null);
  // Items picked for a bulk change across branches (kept across searches).
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const target = branch ?? branches[0] ?? null;
  const menu = useQuery(trpc.owner.menu.list.queryOptions());
  const overrides = useQuery({
    ...trpc.owner.overrides.list.queryOptions({ branchId: target?.id ?? '' }),
    enabled: Boolean(target),
  });
  const rows = useMemo<MenuRow[]>(() => {
    const docs = menu.data ?? [];
    const categories = new Map(
      docs.filter((d) => d.kind === 'category').map((d) => [d.id, String(d.name)]),
    );
    const byItem = new Map((overrides.data ?? []).map((o) => [String(o.itemId), o]));
    const needle = search.trim().toLocaleLowerCase();
    return docs
      .filter((d) => d.kind === 'item')
      .map((d) => {
        const o = byItem.get(d.id);
        return {
          id: d.id,
          name: String(d.name),
          category: categories.get(String(d.categoryId)) ?? '',
          price: Number(d.price),
          available: d.available !== false,
          override: o
            ? {
                price: o.price == null ? null : Number(o.price),
                available: o.available == null ? null : Boolean(o.available),
                updatedAt: Number(o.updatedAt),
              }
            : null,
        };
      })
      .filter((r) => !needle || r.name.toLocaleLowerCase().includes(needle))
      .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
  }, [menu.data, overrides.data, search]);

  if (!target) return <p>{i18n.t('bo.loading')}</p>;
  return (
    <section aria-labelledby="menu-title">
      <h1 id="menu-title">
        {i18n.t('bo.menu.title')} · {target.name}
      </h1>
      <div className="toolbar">
        <label>
          {i18n.t('bo.menu.search')}
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <p role="status">{i18n.plural('bo.menu.count', rows.length)}</p>
        <button type="button" onClick={() => setEditing('new')}>
          {i18n.t('bo.menu.addItem')}
        </button>
      </div>
      {selected.size > 0 && <BulkEdit itemIds={[...selected]} />}
      {editing && menu.data && (
        <ItemEditor
          key={editing === 'new' ? 'new' : `${editing.id}:${String(editing.updatedAt)}`}
          original={editing === 'new' ? null : editing}
          menu={menu.data}
          onDone={() => setEditing(null)}
        />
      )}
      {menu.isPending || overrides.isPending ? (
        <p className="loading">{i18n.t('bo.loading')}</p>
      ) : (
        <table className="data">
          <TableHead
            columns={[
              { label: i18n.t('bo.bulk.title'), hidden: true },
              'bo.menu.item',
              'bo.menu.category',
              { label: i18n.t('bo.menu.basePrice'), numeric: true },
              'bo.menu.branchPrice',
              'bo.menu.availability',
              { label: i18n.t('bo.staff.actions'), hidden: true },
            ]}
          />
          <tbody>
            {rows.map((row) => (
              <MenuItemRow
                // A newer version from the server resets the row (its input shows the new price).
                key={`${target.id}:${row.id}:${row.override?.updatedAt ?? 0}`}
                row={row}
                branchId={target.id}
                onEdit={() => setEditing(menu.data?.find((d) => d.id === row.id) ?? null)}
                selected={selected.has(row.id)}
                onSelect={(on) => {
                  const next = new Set(selected);
                  if (on) next.add(row.id);
                  else next.delete(row.id);
                  setSelected(next);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      {menu.data && <CategoriesSection menu={menu.data} />}
      {menu.data && <ModifierGroupsSection menu={menu.data} />}
    </section>
  );
}

function MenuItemRow(props: {
  row: MenuRow;
  branchId: string;
  onEdit: () => void;
  selected: boolean;
  onSelect: (selected: boolean) => void;
}) {
  const { row, branchId } = props;
  const { i18n } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const shown = row.override?.price ?? null;
  const [price, setPrice] = useState(
    shown === null
      ? ''
      : shown === 0
        ? '0'
        : formatMoneyInput(shown, i18n.currency, i18n.numberLocale),
  );
  const [error, setError] = useState<FormError | null>(null);
  const [pending, setPending] = useState<{
    price: number | null;
    available: boolean | null;
  } | null>(null);
  const set = useMutation(trpc.owner.overrides.set.mutationOptions());
  const soldOut = (row.override?.available ?? row.available) === false;

  async function write(
    next: { price: number | null; available: boolean | null },
    overwrite = false,
  ) {
    setError(null);
    try {
      await set.mutateAsync({
        branchId,
        itemId: row.id,
        ...next,
        // What this page last read: a newer write by someone else is a 409, never overwritten.
        ...(overwrite ? {} : { expectedUpdatedAt: row.override?.updatedAt ?? null }),
      });
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: trpc.owner.overrides.list.queryKey() });
    } catch (e) {
      const failure = formErrorOf(e);
      setError(failure);
      if (failure.status === 409) setPending(next);
    }
  }

  function savePrice() {
    let minor: number | null = null;
    if (price.trim() !== '') {
      try {
        // One rule for typed amounts, the till's: "150" is 150.00, "12,50" in French.
        minor = parseMoneyInput(price, i18n.currency, i18n.numberLocale);
      } catch (e) {
        return setError({ message: e instanceof Error ? e.message : String(e), fields: {} });
      }
    }
    void write({ price: minor, available: row.override?.available ?? null });
  }

  const errorId = `price-error-${row.id}`;
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          aria-label={i18n.t('bo.bulk.select', { item: row.name })}
          checked={props.selected}
          onChange={(e) => props.onSelect(e.target.checked)}
        />
      </td>
      <th scope="row">{row.name}</th>
      <td>{row.category}</td>
      <td className="num">{i18n.money(row.price)}</td>
      <td>
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            savePrice();
          }}
        >
          <input
            aria-label={i18n.t('bo.menu.priceOf', { item: row.name })}
            inputMode="decimal"
            placeholder={formatMoneyInput(row.price, i18n.currency, i18n.numberLocale)}
            value={price}
            aria-invalid={Boolean(error && error.status !== 409)}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => setPrice(e.target.value)}
          />
          <button type="submit" disabled={set.isPending}>
            {i18n.t('bo.save')}
          </button>
        </form>
        {error && error.status !== 409 && (
          <p className="field-error" id={errorId} role="alert">
            {error.message}
          </p>
        )}
        {error?.status === 409 && pending && (
          <ConflictNotice
            id={errorId}
            what={row.name}
            onReload={() => {
              setError(null);
              setPending(null);
              void queryClient.invalidateQueries({
                queryKey: trpc.owner.overrides.list.queryKey(),
              });
            }}
            onOverwrite={() => void write(pending, true)}
          />
        )}
      </td>
      <td>
        <span className={soldOut ? 'badge bad' : 'badge good'}>
          {i18n.t(soldOut ? 'bo.menu.soldOut' : 'bo.menu.available')}
        </span>{' '}
        <button
          type="button"
          disabled={set.isPending}
          onClick={() =>
            void write({
              price: row.override?.price ?? null,
              // Back on sale: inherit the menu, unless the menu itself has it off.
              available: soldOut ? (row.available ? null : true) : false,
            })
          }
        >
          {i18n.t(soldOut ? 'bo.menu.unmark86' : 'bo.menu.mark86', { item: row.name })}
        </button>
      </td>
      <td>
        <button type="button" onClick={props.onEdit}>
          {i18n.t('bo.menu.edit', { item: row.name })}
        </button>
      </td>
    </tr>
  );
}
