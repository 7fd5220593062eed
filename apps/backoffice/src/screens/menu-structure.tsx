import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/client';
import { formErrorOf } from '../api/errors';
import { ConflictNotice } from '../shell/conflict';
import { useShell } from '../shell/context';
import { FormMessage } from '../shell/field';
import { TableHead } from '../shell/table-head';
import { CategoryEditor, ModifierGroupEditor } from './menu-editors';
import { useMenuSave, type MenuRecord } from './menu-save';

const bySort = (a: MenuRecord, b: MenuRecord) =>
  Number(a.sort ?? 0) - Number(b.sort ?? 0) || String(a.name).localeCompare(String(b.name));

/** Categories: add, rename, colour, reorder, delete when empty. */
export function CategoriesSection({ menu }: { menu: readonly MenuRecord[] }) {
  const { i18n } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const upsert = useMutation(trpc.owner.menu.upsert.mutationOptions());
  const [editing, setEditing] = useState<MenuRecord | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const categories = menu.filter((d) => d.kind === 'category').sort(bySort);
  const counts = new Map<string, number>();
  for (const d of menu)
    if (d.kind === 'item')
      counts.set(String(d.categoryId), (counts.get(String(d.categoryId)) ?? 0) + 1);

  /** Moves one category by one place: the whole list is renumbered in one stale-checked write. */
  async function move(index: number, by: -1 | 1) {
    const order = [...categories];
    const [moved] = order.splice(index, 1);
    if (!moved) return;
    order.splice(index + by, 0, moved);
    const changed = order
      .map((d, i) => ({ d, sort: (i + 1) * 10 }))
      .filter(({ d, sort }) => Number(d.sort ?? 0) !== sort);
    setError(null);
    try {
      await upsert.mutateAsync({
        docs: changed.map(({ d, sort }) => {
          const { _deleted, ...doc } = d;
          return { ...doc, sort } as never;
        }),
        expected: changed.map(({ d }) => ({ id: d.id, updatedAt: Number(d.updatedAt) })),
      });
    } catch (e) {
      setError(formErrorOf(e).message);
    }
    await queryClient.invalidateQueries({ queryKey: trpc.owner.menu.list.queryKey() });
  }

  return (
    <section aria-labelledby="categories-title">
      <div className="toolbar">
        <h2 id="categories-title">{i18n.t('bo.menu.categories')}</h2>
        <button type="button" onClick={() => setEditing('new')}>
          {i18n.t('bo.menu.addCategory')}
        </button>
      </div>
      {editing && (
        <CategoryEditor
          key={editing === 'new' ? 'new' : editing.id}
          original={editing === 'new' ? null : editing}
          menu={menu}
          onDone={() => setEditing(null)}
        />
      )}
      {error && <FormMessage error>{error}</FormMessage>}
      <table className="data" data-testid="categories-table">
        <TableHead
          columns={[
            'bo.menu.name',
            'bo.menu.color',
            { label: i18n.t('bo.menu.itemCount'), numeric: true },
            { label: i18n.t('bo.staff.actions'), hidden: true },
          ]}
        />
        <tbody>
          {categories.map((c, i) => (
            <StructureRow
              key={`${c.id}:${String(c.updatedAt)}`}
              doc={c}
              detail={typeof c.color === 'string' ? c.color : ''}
              count={counts.get(c.id) ?? 0}
              onEdit={() => setEditing(c)}
              onMove={(by) => void move(i, by)}
              first={i === 0}
              last={i === categories.length - 1}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One category or modifier group with its buttons; a refused delete is explained in the row. */
function StructureRow(props: {
  doc: MenuRecord;
  /** The colour of a category, the min–max of a modifier group. */
  detail: string;
  count: number;
  onEdit: () => void;
  onMove?: (by: -1 | 1) => void;
  first?: boolean;
  last?: boolean;
}) {
  const { i18n } = useShell();
  const { doc } = props;
  const name = String(doc.name);
  const save = useMenuSave(doc, () => undefined);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{props.detail}</td>
      <td className="num">{props.count}</td>
      <td>
        <div className="buttons">
          <button type="button" onClick={props.onEdit}>
            {i18n.t('bo.menu.edit', { item: name })}
          </button>
          {props.onMove && (
            <>
              <button type="button" disabled={props.first} onClick={() => props.onMove?.(-1)}>
                {i18n.t('bo.menu.moveUp', { item: name })}
              </button>
              <button type="button" disabled={props.last} onClick={() => props.onMove?.(1)}>
                {i18n.t('bo.menu.moveDown', { item: name })}
              </button>
            </>
          )}
          <button
            type="button"
            className="danger"
            disabled={save.pending}
            onClick={() => {
              if (confirm(i18n.t('bo.menu.confirmDelete', { item: name }))) void save.remove();
            }}
          >
            {i18n.t('bo.menu.delete', { item: name })}
          </button>
        </div>
        {save.conflict ? (
          <ConflictNotice
            what={name}
            onReload={save.conflict.reload}
            onOverwrite={save.conflict.overwrite}
          />
        ) : (
          save.error && <FormMessage error>{save.error.message}</FormMessage>
        )}
      </td>
    </tr>
  );
}

/** Modifier groups: how many to pick and the options with price deltas. */
export function ModifierGroupsSection({ menu }: { menu: readonly MenuRecord[] }) {
  const { i18n } = useShell();
  const [editing, setEditing] = useState<MenuRecord | 'new' | null>(null);
  const groups = menu.filter((d) => d.kind === 'modifierGroup').sort(bySort);
  const uses = (id: string) =>
    menu.filter(
      (d) =>
        d.kind === 'item' && Array.isArray(d.modifierGroupIds) && d.modifierGroupIds.includes(id),
    ).length;
  return (
    <section aria-labelledby="groups-title">
      <div className="toolbar">
        <h2 id="groups-title">{i18n.t('bo.menu.modifierGroups')}</h2>
        <button type="button" onClick={() => setEditing('new')}>
          {i18n.t('bo.menu.addGroup')}
        </button>
      </div>
      {editing && (
        <ModifierGroupEditor
          key={editing === 'new' ? 'new' : editing.id}
          original={editing === 'new' ? null : editing}
          menu={menu}
          onDone={() => setEditing(null)}
        />
      )}
      <table className="data" data-testid="groups-table">
        <TableHead
          columns={[
            'bo.menu.name',
            'bo.menu.pick',
            { label: i18n.t('bo.menu.itemCount'), numeric: true },
            { label: i18n.t('bo.staff.actions'), hidden: true },
          ]}
        />
        <tbody>
          {groups.map((g) => (
            <StructureRow
              key={`${g.id}:${String(g.updatedAt)}`}
              doc={g}
              detail={`${String(g.min)}–${String(g.max)}`}
              count={uses(g.id)}
              onEdit={() => setEditing(g)}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
