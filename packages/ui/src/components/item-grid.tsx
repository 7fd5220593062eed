import type { CSSProperties } from 'react';
import { useI18n } from '../i18n';
import { EmptyState } from './states';

export interface ItemTile {
  id: string;
  name: string;
  /** Effective price in minor units (branch override applied). */
  price: number;
  available: boolean;
  hasModifiers: boolean;
  /** Its category's colour (`#rrggbb`), shown on the tile. */
  color?: string;
}

export interface ItemGridProps {
  items: readonly ItemTile[];
  onSelect: (id: string) => void;
  emptyMessage?: string;
}

/** Item buttons with their price; sold-out items stay visible but cannot be added. */
export function ItemGrid({ items, onSelect, emptyMessage }: ItemGridProps) {
  const { t, money } = useI18n();
  if (items.length === 0) return <EmptyState message={emptyMessage ?? t('menu.noItems')} />;
  return (
    <ul className="cmd-item-grid" aria-label={t('menu.items')}>
      {items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className="cmd-tile cmd-item"
            style={item.color ? ({ '--cmd-tile-color': item.color } as CSSProperties) : undefined}
            disabled={!item.available}
            onClick={() => onSelect(item.id)}
          >
            <span className="cmd-item-name">
              {item.name}
              {item.hasModifiers ? <span aria-hidden="true"> …</span> : null}
            </span>
            <span className="cmd-item-price">
              {item.available ? money(item.price) : t('menu.unavailable')}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
