import { useId } from 'react';
import { useI18n } from '../i18n';

export interface MoneyFieldProps {
  label: string;
  /** Minor units. */
  value: number;
  onChange: (value: number) => void;
  autoFocus?: boolean;
}

/** Amount entry as typed on a till: digits fill from the right (2 5 0 0 → 25.00), shown formatted. */
export function MoneyField({ label, value, onChange, autoFocus }: MoneyFieldProps) {
  const { money } = useI18n();
  const id = useId();
  return (
    <div className="cmd-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="numeric"
        autoComplete="off"
        autoFocus={autoFocus}
        value={value === 0 ? '' : String(value)}
        onChange={(e) => {
          const digits = e.target.value.replace(/\D/g, '').slice(0, 9);
          onChange(digits === '' ? 0 : Number(digits));
        }}
        aria-describedby={`${id}-fmt`}
      />
      <output id={`${id}-fmt`} htmlFor={id}>
        {money(value)}
      </output>
    </div>
  );
}
