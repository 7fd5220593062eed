import type { MenuDoc, MenuDocKind } from './schemas';

/** A reference in the menu that points at nothing (or at the wrong kind of document). */
export interface MenuReferenceProblem {
  /** The document holding the broken reference. */
  id: string;
  /** Its field at fault (`categoryId`, `modifierGroupIds.1` …), for the form to show it there. */
  field: string;
  /** The id it refers to. */
  refersTo: string;
  message: string;
}

const REFERENCES = [
  ['categoryId', 'category'],
  ['taxClassId', 'taxClass'],
  ['stationId', 'station'],
] as const satisfies readonly (readonly [string, MenuDocKind])[];

/**
 * The broken references of a whole menu (the live documents, tombstones left out): every item's
 * category, tax class, station and modifier groups must exist with the right kind. The server runs
 * it over the menu as a write would leave it, inside the write's transaction, so a deleted
 * category that still holds items, or an item pointing at a missing tax class, is refused whole.
 */
export function menuReferenceProblems(menu: readonly MenuDoc[]): MenuReferenceProblem[] {
  const kindOf = new Map(menu.map((d) => [d.id, d.kind]));
  const problems: MenuReferenceProblem[] = [];
  const check = (id: string, field: string, target: string, kind: MenuDocKind) => {
    const found = kindOf.get(target);
    if (found === kind) return;
    problems.push({
      id,
      field,
      refersTo: target,
      message: found
        ? `${target} is a ${found}, not a ${kind}`
        : `there is no ${kind} ${target} (deleted, or never created)`,
    });
  };
  for (const doc of menu) {
    if (doc.kind !== 'item') continue;
    for (const [field, kind] of REFERENCES) {
      const target = doc[field];
      if (target !== null) check(doc.id, field, target, kind);
    }
    doc.modifierGroupIds.forEach((g, i) =>
      check(doc.id, `modifierGroupIds.${i}`, g, 'modifierGroup'),
    );
  }
  return problems;
}

/**
 * Why documents cannot be deleted: the items of the menu that would still refer to them (a
 * category is deleted only when empty, a tax class, station or modifier group only when unused).
 * One message per deleted document, naming how many items hold it; empty when the removal is safe.
 */
export function menuRemovalProblems(
  menu: readonly MenuDoc[],
  ids: readonly string[],
): { id: string; message: string }[] {
  const removed = new Set(ids);
  const remaining = menu.filter((d) => !removed.has(d.id));
  const holders = new Map<string, string[]>();
  for (const p of menuReferenceProblems(remaining)) {
    if (!removed.has(p.refersTo)) continue;
    holders.set(p.refersTo, [...(holders.get(p.refersTo) ?? []), p.id]);
  }
  const names = new Map(menu.map((d) => [d.id, d.name]));
  return [...holders].map(([id, items]) => ({
    id,
    message: `${names.get(id) ?? id} is still used by ${items.length} item(s) (${items
      .slice(0, 3)
      .map((i) => names.get(i) ?? i)
      .join(', ')}${items.length > 3 ? ', …' : ''}); move or delete them first`,
  }));
}
