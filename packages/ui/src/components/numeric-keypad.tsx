import { useI18n } from '../i18n';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'decimal' | 'back' | 'clear' | 'enter';

export interface NumericKeypadProps {
  onKey: (key: KeypadKey) => void;
  /** The locale's decimal separator, shown as a key for money entry; PIN pads have none. */
  decimal?: string;
  /** Show an Enter key. */
  enter?: boolean;
  disabled?: boolean;
  label?: string;
}

const DIGITS: KeypadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3'];

/** Large touch keypad (≥ 48 px keys). Physical keyboards are handled by the field that owns it. */
export function NumericKeypad({ onKey, decimal, enter = false, disabled = false, label }: NumericKeypadProps) {
  const { t } = useI18n();
  const key = (k: KeypadKey, text: string, aria?: string) => (
    <button
      key={k}
      type="button"
      className={`cmd-key cmd-key-${k}`}
      aria-label={aria}
      disabled={disabled}
      onClick={() => onKey(k)}
    >
      {text}
    </button>
  );
  return (
    <div className="cmd-keypad" role="group" aria-label={label ?? t('keypad.label')}>
      {DIGITS.map((d) => key(d, d))}
      {key('clear', 'C', t('keypad.clear'))}
      {key('0', '0')}
      {decimal ? key('decimal', decimal, t('money.decimal')) : key('back', '⌫', t('keypad.backspace'))}
      {decimal ? key('back', '⌫', t('keypad.backspace')) : null}
      {enter ? key('enter', '↵', t('keypad.enter')) : null}
    </div>
  );
}

/**
 * Applies a keypad key to the typed text (shared by PIN and money entry); `decimal` is the
 * separator the decimal key types.
 */
export function applyKeypadKey(value: string, key: KeypadKey, maxLength = 12, decimal = '.'): string {
  if (key === 'clear') return '';
  if (key === 'back') return value.slice(0, -1);
  if (key === 'enter') return value;
  const next = value + (key === 'decimal' ? decimal : key);
  return next.length > maxLength ? value : next;
}
