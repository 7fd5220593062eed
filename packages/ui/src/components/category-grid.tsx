import type { CSSProperties } from 'react';
import { useI18n } from '../i18n';

export interface CategoryTile {
  id: string;
  name: string;
  /** Tile colour (`#rrggbb`), the same as its items'. */
  color?: string;
}

export interface CategoryGridProps {
  categories: readonly CategoryTile[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Category buttons; the selected one is `aria-pressed`. */
export function CategoryGrid({ categories, selectedId, onSelect }: CategoryGridProps) {
  const { t } = useI18n();
  return (
    <nav className="cmd-category-grid" aria-label={t('menu.categories')}>
      {categories.map((c) => (
        <button
          key={c.id}
          type="button"
          className="cmd-tile cmd-category"
          style={c.color ? ({ '--cmd-tile-color': c.color } as CSSProperties) : undefined}
          aria-pressed={c.id === selectedId}
          onClick={() => onSelect(c.id)}
        >
          {c.name}
        </button>
      ))}
    </nav>
  );
}
