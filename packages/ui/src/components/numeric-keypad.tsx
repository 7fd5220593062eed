import { useI18n } from '../i18n';

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | 'back' | 'clear' | 'enter';

export interface NumericKeypadProps {
  onKey: (key: KeypadKey) => void;
  /** Show a "00" key (money entry); PIN pads hide it. */
  doubleZero?: boolean;
  /** Show an Enter key. */
  enter?: boolean;
  disabled?: boolean;
  label?: string;
}

const DIGITS: KeypadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3'];

/** Large touch keypad (≥ 48 px keys). Physical keyboards are handled by the field that owns it. */
export function NumericKeypad({ onKey, doubleZero = false, enter = false, disabled = false, label }: NumericKeypadProps) {
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
      {doubleZero ? key('00', '00') : key('back', '⌫', t('keypad.backspace'))}
      {doubleZero ? key('back', '⌫', t('keypad.backspace')) : null}
      {enter ? key('enter', '↵', t('keypad.enter')) : null}
    </div>
  );
}

/** Applies a keypad key to a digit string (shared by PIN and money entry). */
export function applyKeypadKey(value: string, key: KeypadKey, maxLength = 12): string {
  if (key === 'clear') return '';
  if (key === 'back') return value.slice(0, -1);
  if (key === 'enter') return value;
  const next = value + key;
  return next.length > maxLength ? value : next;
}
