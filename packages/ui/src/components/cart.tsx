import { memo, useRef, type RefObject } from 'react';
import { useI18n, type I18n } from '../i18n';
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

interface CartActions {
  onSelect: (id: string) => void;
  onIncrement?: ((id: string) => void) | undefined;
  onDecrement?: ((id: string) => void) | undefined;
}

/** The order's lines: quantities, modifiers, notes, seats, courses, kitchen state; voided lines struck. */
export function Cart({ lines, selectedId, onSelect, onIncrement, onDecrement, readOnly = false }: CartProps) {
  const i18n = useI18n();
  // Handlers go through a ref so a line re-renders only when what it shows changed: adding the
  // 200th line renders one line, not 200 (the parent's handlers are new functions each render).
  const actions = useRef<CartActions>({ onSelect, onIncrement, onDecrement });
  actions.current = { onSelect, onIncrement, onDecrement };
  if (lines.length === 0) return <EmptyState message={i18n.t('cart.empty')} />;
  const quantityButtons = Boolean(onIncrement && onDecrement);
  return (
    <ol className="cmd-cart" aria-label={i18n.t('cart.title')}>
      {lines.map((line) => (
        <CartLine
          key={line.id}
          line={line}
          selected={line.id === selectedId}
          editable={!readOnly && !line.voided && quantityButtons}
          i18n={i18n}
          actions={actions}
        />
      ))}
    </ol>
  );
}

interface CartLineProps {
  line: CartLineView;
  selected: boolean;
  editable: boolean;
  i18n: I18n;
  actions: RefObject<CartActions>;
}

const CartLine = memo(function CartLine({ line, selected, editable, i18n, actions }: CartLineProps) {
  const { t, money } = i18n;
  return (
    <li className={['cmd-line', selected ? 'cmd-line-selected' : '', line.voided ? 'cmd-line-voided' : ''].join(' ')} data-kitchen={line.kitchen}>
      <button type="button" className="cmd-line-main" aria-current={selected ? 'true' : undefined} onClick={() => actions.current.onSelect(line.id)}>
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
      {editable ? (
        <span className="cmd-line-qtybtns">
          <button type="button" className="cmd-btn cmd-btn-small" aria-label={t('cart.decrease', { item: line.name })} onClick={() => actions.current.onDecrement?.(line.id)}>
            −
          </button>
          <button type="button" className="cmd-btn cmd-btn-small" aria-label={t('cart.increase', { item: line.name })} onClick={() => actions.current.onIncrement?.(line.id)}>
            +
          </button>
        </span>
      ) : null}
    </li>
  );
}, sameLineProps);

/** Re-render a line only when something it shows changed (view models are rebuilt on every change). */
function sameLineProps(a: CartLineProps, b: CartLineProps): boolean {
  if (a.selected !== b.selected || a.editable !== b.editable || a.i18n !== b.i18n || a.actions !== b.actions) return false;
  const x = a.line;
  const y = b.line;
  return (
    x === y ||
    (x.id === y.id &&
      x.name === y.name &&
      x.quantity === y.quantity &&
      x.amount === y.amount &&
      x.notes === y.notes &&
      x.seat === y.seat &&
      x.course === y.course &&
      x.kitchen === y.kitchen &&
      x.voided === y.voided &&
      (x.discountLabel ?? null) === (y.discountLabel ?? null) &&
      x.modifiers.length === y.modifiers.length &&
      x.modifiers.every((m, i) => m === y.modifiers[i]))
  );
}
