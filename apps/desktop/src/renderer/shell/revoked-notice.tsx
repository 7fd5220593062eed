import { createI18n } from '@comanda/ui';
import { useEffect, useState } from 'react';
import type { TillRevocation, TillRuntime } from '../runtime/runtime.js';

/** Over the whole till: nothing it does from here reaches the server. */
const OVERLAY = {
  position: 'fixed',
  inset: 0,
  zIndex: 1000,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'center',
  gap: '1rem',
  padding: '2rem',
  background: 'var(--cmd-surface, #fff)',
  textAlign: 'center',
} as const;

/**
 * Says, in the branch's language, that the owner revoked this till and it stopped syncing; offers
 * to pair it again. Shown over every screen until the till is paired again.
 */
export function RevokedNotice({ runtime, onPair }: { runtime: TillRuntime; onPair: () => void }) {
  const [revocation, setRevocation] = useState<TillRevocation | null>(runtime.revocation());
  useEffect(() => runtime.onRevoked(setRevocation), [runtime]);
  useEffect(() => runtime.onModeChange(() => setRevocation(runtime.revocation())), [runtime]);
  if (!revocation) return null;
  const { t, time } = createI18n(revocation.locale, 'EUR', revocation.timeZone);
  return (
    <div className="revoked-notice" role="alert" data-testid="till-revoked" style={OVERLAY}>
      <h2>{t('till.revokedTitle')}</h2>
      <p>{t('till.revokedBody', { time: time(revocation.at) })}</p>
      <button type="button" onClick={onPair}>
        {t('till.revokedPair')}
      </button>
    </div>
  );
}
