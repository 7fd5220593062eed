import { useI18n } from '../i18n';
import { EmptyState } from './states';

/** Where a line stands with the kitchen. */
export type LineKitchenState = 'new' | 'held' | 'sent' | 'fired';

export interface CartLineView {
  id: string;
  name: string;
  quantity: number;
  /** Line total in minor units after line discounts. */
  amount: number;
  modifiers: readonly string[];
  notes: string | null;
  seat: number | null;
  course: number | null;
  kitchen: LineKitchenState;
  voided: boolean;
  /** e.g. "−10 %"; shown under the line. */
  discountLabel?: string | null;
}

export interface CartProps {
  lines: readonly CartLineView[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onIncrement?: (id: string) => void;
  onDecrement?: (id: string) => void;
  /** Paid or closed orders are shown without quantity controls. */
  readOnly?: boolean;
}

const KITCHEN_KEY = { new: 'cart.new', held: 'cart.held', sent: 'cart.sent', fired: 'cart.fired' } as const;

/** The order's lines: quantities, modifiers, notes, seats, courses, kitchen state; voided lines struck. */
export function Cart({ lines, selectedId, onSelect, onIncrement, onDecrement, readOnly = false }: CartProps) {
  const { t, money } = useI18n();
  if (lines.length === 0) return <EmptyState message={t('cart.empty')} />;
  return (
    <ol className="cmd-cart" aria-label={t('cart.title')}>
      {lines.map((line) => {
        const selected = line.id === selectedId;
        const editable = !readOnly && !line.voided;
        return (
          <li
            key={line.id}
            className={['cmd-line', selected ? 'cmd-line-selected' : '', line.voided ? 'cmd-line-voided' : ''].join(' ')}
            data-kitchen={line.kitchen}
          >
            <button type="button" className="cmd-line-main" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(line.id)}>
              <span className="cmd-line-qty">{line.quantity}×</span>
              <span className="cmd-line-name">
                {line.voided ? <del>{line.name}</del> : line.name}
                {line.voided ? <span className="cmd-visually-hidden"> ({t('cart.voided')})</span> : null}
              </span>
              <span className="cmd-line-amount">{line.voided ? <del>{money(line.amount)}</del> : money(line.amount)}</span>
              {line.modifiers.length > 0 ? <span className="cmd-line-mods">{line.modifiers.join(', ')}</span> : null}
              {line.notes ? <span className="cmd-line-notes">“{line.notes}”</span> : null}
              <span className="cmd-line-meta">
                {line.seat !== null ? <span className="cmd-chip">{t('cart.seat', { seat: line.seat })}</span> : null}
                {line.course !== null ? <span className="cmd-chip">{t('cart.course', { course: line.course })}</span> : null}
                <span className={`cmd-chip cmd-chip-${line.kitchen}`}>{t(KITCHEN_KEY[line.kitchen])}</span>
                {line.discountLabel ? <span className="cmd-chip">{line.discountLabel}</span> : null}
              </span>
            </button>
            {editable && onIncrement && onDecrement ? (
              <span className="cmd-line-qtybtns">
                <button type="button" className="cmd-btn cmd-btn-small" aria-label={t('cart.decrease', { item: line.name })} onClick={() => onDecrement(line.id)}>
                  −
                </button>
                <button type="button" className="cmd-btn cmd-btn-small" aria-label={t('cart.increase', { item: line.name })} onClick={() => onIncrement(line.id)}>
                  +
                </button>
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
