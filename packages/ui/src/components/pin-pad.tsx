import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { NumericKeypad, applyKeypadKey, type KeypadKey } from './numeric-keypad';

export interface PinPadProps {
  title?: string;
  /** The pad submits by itself once this many digits are entered (core `pinPadLengths`). */
  length?: number;
  /** Digits accepted (at least `length`); a PIN shorter than `length` is submitted with OK. */
  maxLength?: number;
  onSubmit: (pin: string) => void;
  /** Disables entry (lockout, verification in progress). */
  disabled?: boolean;
  /** Error or lockout message shown under the field and announced. */
  message?: string | null;
  /** Changes when a submitted PIN was rejected so the field clears. */
  attempt?: number;
}

/** PIN entry for login and manager approval: typed on a keyboard or tapped on the pad. */
export function PinPad({
  title,
  length = 4,
  maxLength,
  onSubmit,
  disabled = false,
  message,
  attempt = 0,
}: PinPadProps) {
  const accepted = Math.max(length, maxLength ?? length);
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const inputId = useId();
  const messageId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setPin('');
    inputRef.current?.focus();
  }, [attempt]);

  const update = (next: string) => {
    if (disabled) return;
    const digits = next.replace(/\D/g, '').slice(0, accepted);
    setPin(digits);
    if (digits.length === length) {
      setPin('');
      onSubmit(digits);
    }
  };
  const onKey = (key: KeypadKey) => {
    if (key === 'enter') {
      if (pin.length > 0) {
        onSubmit(pin);
        setPin('');
      }
      return;
    }
    update(applyKeypadKey(pin, key, accepted));
    inputRef.current?.focus();
  };
  const onFormSubmit = (e: FormEvent) => {
    e.preventDefault();
    onKey('enter');
  };

  return (
    <form className="cmd-pinpad" onSubmit={onFormSubmit} aria-label={title ?? t('pin.title')}>
      {title ? <h2 className="cmd-pinpad-title">{title}</h2> : null}
      <label htmlFor={inputId}>{t('pin.label')}</label>
      <input
        ref={inputRef}
        id={inputId}
        className="cmd-pinpad-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        autoFocus
        value={pin}
        disabled={disabled}
        aria-describedby={message ? messageId : undefined}
        aria-invalid={message ? true : undefined}
        onChange={(e) => update(e.target.value)}
      />
      <div className="cmd-pinpad-dots" aria-hidden="true">
        {Array.from({ length: Math.max(length, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'cmd-dot cmd-dot-filled' : 'cmd-dot'} />
        ))}
      </div>
      <p className="cmd-visually-hidden" aria-live="polite">
        {t('pin.digits', { count: pin.length, length })}
      </p>
      {message ? (
        <p id={messageId} className="cmd-field-error" role="alert">
          {message}
        </p>
      ) : null}
      <NumericKeypad onKey={onKey} enter disabled={disabled} />
    </form>
  );
}
