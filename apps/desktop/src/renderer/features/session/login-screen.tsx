import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { PinPad, useI18n } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { MAX_PIN_ATTEMPTS } from './session-store';
import { usePinPadLengths } from './use-pin-lengths';

/** PIN login; counts down while PIN entry is locked after too many wrong PINs. */
export function LoginScreen() {
  const { session, ports, branch } = useTill();
  const { t } = useI18n();
  const { lockedUntil, failedAttempts, lastError, attempt, verifying, login } = useStore(session);
  const [now, setNow] = useState(() => ports.clock.now());
  const locked = lockedUntil !== null && now < lockedUntil;
  const lengths = usePinPadLengths();

  useEffect(() => {
    if (lockedUntil === null) return;
    setNow(ports.clock.now());
    const timer = setInterval(() => setNow(ports.clock.now()), 1000);
    return () => clearInterval(timer);
  }, [lockedUntil, ports]);

  const message = locked
    ? t('pin.locked', { seconds: Math.ceil(((lockedUntil ?? now) - now) / 1000) })
    : lastError === 'wrong-pin'
      ? t('pin.wrong', { left: MAX_PIN_ATTEMPTS - failedAttempts })
      : null;

  return (
    <main className="cmd-login" aria-labelledby="login-title">
      <h1 id="login-title">{branch.name}</h1>
      <PinPad
        title={t('pin.title')}
        length={lengths.autoSubmit}
        maxLength={lengths.max}
        onSubmit={(pin) => {
          setNow(ports.clock.now());
          void login(pin).then(() => setNow(ports.clock.now()));
        }}
        disabled={locked || verifying}
        message={message}
        attempt={attempt}
      />
    </main>
  );
}
