import { useState } from 'react';
import { cashDenominations } from '@comanda/core/money';
import { useI18n } from '../i18n';

export interface DenominationCountProps {
  /** Called with the total in minor units when the cashier uses the count. */
  onTotal: (total: number) => void;
}

/** Most notes or coins of one kind a drawer count accepts. */
const MAX_PIECES = 10_000;

/** Counting the drawer note by note and coin by coin: count × denomination = line, summed below. */
export function DenominationCount({ onTotal }: DenominationCountProps) {
  const { t, money, currency } = useI18n();
  const denominations = cashDenominations(currency);
  const [counts, setCounts] = useState<Record<number, number>>({});
  const total = denominations.reduce((sum, d) => sum + d * (counts[d] ?? 0), 0);
  return (
    <fieldset className="cmd-denominations">
      <legend>{t('shift.countByDenomination')}</legend>
      <table>
        <tbody>
          {denominations.map((d) => (
            <tr key={d}>
              <th scope="row">{money(d)}</th>
              <td>
                <input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={MAX_PIECES}
                  step={1}
                  aria-label={t('shift.denominationCount', { amount: money(d) })}
                  value={counts[d] ?? ''}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    // Whole pieces only; anything else counts as none rather than a fraction of a note.
                    const pieces = Number.isInteger(n) && n > 0 ? Math.min(n, MAX_PIECES) : 0;
                    setCounts((c) => ({ ...c, [d]: pieces }));
                  }}
                />
              </td>
              <td>{money(d * (counts[d] ?? 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p aria-live="polite">{t('shift.denominationTotal', { amount: money(total) })}</p>
      <button type="button" className="cmd-btn" onClick={() => onTotal(total)}>
        {t('shift.useCount')}
      </button>
    </fieldset>
  );
}
