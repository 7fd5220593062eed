import { useState } from 'react';
import { activeQuantity } from '@comanda/core/orders';
import { Dialog, useI18n } from '@comanda/ui';
import type { Order } from '../../till-ports';

export interface SplitDialogProps {
  order: Order;
  onSplit: (moves: { lineId: string; quantity: number }[]) => void;
  onClose: () => void;
}

/** Split the bill by items: choose how many units of each line move to a new bill. */
export function SplitDialog({ order, onSplit, onClose }: SplitDialogProps) {
  const { t } = useI18n();
  const [moves, setMoves] = useState<Record<string, number>>({});
  const lines = order.lines.filter((l) => activeQuantity(l) > 0);
  const chosen = Object.entries(moves)
    .filter(([, q]) => q > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));
  return (
    <Dialog
      title={t('order.split')}
      open
      onClose={onClose}
      actions={
        <>
          <button type="button" className="cmd-btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="button" className="cmd-btn cmd-btn-primary" aria-disabled={chosen.length === 0} onClick={() => chosen.length > 0 && onSplit(chosen)}>
            {t('order.splitConfirm')}
          </button>
        </>
      }
    >
      <p>{t('order.splitHelp')}</p>
      <ul className="cmd-split-lines">
        {lines.map((line) => {
          const max = activeQuantity(line);
          const value = moves[line.id] ?? 0;
          return (
            <li key={line.id} className="cmd-field">
              <label htmlFor={`split-${line.id}`}>{line.name}</label>
              <input
                id={`split-${line.id}`}
                type="number"
                min={0}
                max={max}
                value={value}
                onChange={(e) => setMoves({ ...moves, [line.id]: Math.min(max, Math.max(0, Number(e.target.value) || 0)) })}
              />{' '}
              / {max}
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
