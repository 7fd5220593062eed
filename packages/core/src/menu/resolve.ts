import type { TaxRule } from '../tax/tax-class';
import type {
  BranchOverrideDoc,
  CategoryDoc,
  ItemDoc,
  MenuDoc,
  ModifierGroupDoc,
  StationDoc,
  TaxClassDoc,
} from './schemas';

/** An item as sold in one branch: override applied, tax rule attached. */
export interface ResolvedItem extends ItemDoc {
  /** Menu price before the branch override. */
  readonly basePrice: number;
  /** Whether a branch override changed price or availability. */
  readonly overridden: boolean;
  /** The item's tax rule (rate and mode), `null` when its tax class is missing (then it is unavailable). */
  readonly tax: TaxRule | null;
}

/** A category with its items in display order. */
export interface ResolvedCategory extends CategoryDoc {
  readonly items: ResolvedItem[];
}

/** The menu of one branch, ready for the till's grid and for pricing. */
export interface BranchMenu {
  readonly branchId: string;
  /** Categories ordered by `sort` then name; items ordered by `sort` then name (86'd included). */
  readonly categories: ResolvedCategory[];
  readonly items: Readonly<Record<string, ResolvedItem>>;
  readonly modifierGroups: Readonly<Record<string, ModifierGroupDoc>>;
  readonly taxClasses: Readonly<Record<string, TaxClassDoc>>;
  readonly stations: Readonly<Record<string, StationDoc>>;
}

const bySortThenName = (a: { sort: number; name: string }, b: { sort: number; name: string }) =>
  a.sort - b.sort || a.name.localeCompare(b.name);

/**
 * Resolves the menu one branch sells: org-wide docs (`branchId: null`) plus
 * docs of this branch, with the branch's overrides of price and availability
 * (86'd) applied. An item whose tax class or category is missing is shown as
 * unavailable rather than priced wrongly.
 * @param menuDocs every `menu` document known (other branches' docs are ignored)
 * @param overrides `branchOverrides` documents (other branches' are ignored)
 * @param branchId the branch to resolve for
 */
export function resolveBranchMenu(
  menuDocs: readonly MenuDoc[],
  overrides: readonly BranchOverrideDoc[],
  branchId: string,
): BranchMenu {
  const taxClasses: Record<string, TaxClassDoc> = {};
  const stations: Record<string, StationDoc> = {};
  const modifierGroups: Record<string, ModifierGroupDoc> = {};
  const categories: CategoryDoc[] = [];
  const rawItems: ItemDoc[] = [];
  for (const doc of menuDocs) {
    if (doc.branchId !== null && doc.branchId !== branchId) continue;
    switch (doc.kind) {
      case 'taxClass':
        taxClasses[doc.id] = doc;
        break;
      case 'station':
        stations[doc.id] = doc;
        break;
      case 'modifierGroup':
        modifierGroups[doc.id] = doc;
        break;
      case 'category':
        categories.push(doc);
        break;
      case 'item':
        rawItems.push(doc);
        break;
    }
  }
  const overrideByItem = new Map<string, BranchOverrideDoc>();
  for (const o of overrides) if (o.branchId === branchId) overrideByItem.set(o.itemId, o);

  const items: Record<string, ResolvedItem> = {};
  for (const item of rawItems) {
    const o = overrideByItem.get(item.id);
    const taxClass = taxClasses[item.taxClassId];
    const price = o?.price ?? item.price;
    const available = item.available && (o?.available ?? true) && taxClass !== undefined;
    items[item.id] = {
      ...item,
      price,
      available,
      basePrice: item.price,
      overridden: o !== undefined && (o.price !== null || o.available !== null),
      tax: taxClass
        ? { rateBasisPoints: taxClass.rateBasisPoints, inclusive: taxClass.inclusive }
        : null,
    };
  }
  const resolvedCategories = [...categories].sort(bySortThenName).map((c) => ({
    ...c,
    items: Object.values(items)
      .filter((i) => i.categoryId === c.id)
      .sort(bySortThenName),
  }));
  return { branchId, categories: resolvedCategories, items, modifierGroups, taxClasses, stations };
}
