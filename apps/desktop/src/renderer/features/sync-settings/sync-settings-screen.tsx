import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { useI18n, type MessageKey } from '@comanda/ui';
import { useTill } from '../app/till-context';
import { usePort } from '../app/use-port';
import type { SyncRoute } from '../../till-ports';
import { readHubUrl } from './hub-url-form';

const VIA: Record<SyncRoute['via'], MessageKey> = {
  hub: 'syncSettings.viaHub',
  server: 'syncSettings.viaServer',
  none: 'syncSettings.viaNone',
};

/**
 * Sync settings (managers): the branch hub's URL on the shop's network, and where this till syncs
 * now. Saving applies at once: the till switches to the hub when it answers, else the server.
 */
export function SyncSettingsScreen() {
  const { ports, session } = useTill();
  const { t } = useI18n();
  const isManager = useStore(session, (s) => s.user?.role === 'manager');
  const route = usePort<SyncRoute | null>(ports.sync.subscribeRoute, null);
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<{ key: MessageKey; detail: string } | null>(null);
  const [saved, setSaved] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  // The field starts from the stored URL once known, and keeps what the manager types after.
  const value = typed ?? route?.hubUrl ?? '';

  if (!isManager) {
    return (
      <main className="cmd-screen" aria-labelledby="sync-settings-title">
        <h1 id="sync-settings-title">{t('syncSettings.title')}</h1>
        <p role="alert">{t('syncSettings.managerOnly')}</p>
      </main>
    );
  }

  const save = async (text: string) => {
    const read = readHubUrl(text);
    if (!read.ok) {
      setError({ key: read.key, detail: read.detail });
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await ports.sync.setHubUrl(read.hubUrl);
      setTyped(read.hubUrl ?? '');
      setSaved(read.hubUrl ? 'syncSettings.saved' : 'syncSettings.removed');
    } catch (e) {
      setError({ key: 'syncSettings.saveFailed', detail: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="cmd-screen" aria-labelledby="sync-settings-title">
      <div className="cmd-screen-header">
        <h1 id="sync-settings-title">{t('syncSettings.title')}</h1>
      </div>
      <p className="cmd-state" role="status" aria-live="polite" data-testid="sync-route" data-via={route?.via ?? ''}>
        {route ? t(VIA[route.via]) : null}
      </p>
      <form
        className="cmd-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(value);
        }}
      >
        <div className="cmd-field">
          <label htmlFor={fieldId}>{t('syncSettings.hubUrl')}</label>
          <input
            id={fieldId}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={2048}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${fieldId}-help${error ? ` ${fieldId}-error` : ''}`}
            onChange={(e) => {
              setTyped(e.target.value);
              setSaved(null);
            }}
          />
          <p className="cmd-muted" id={`${fieldId}-help`}>
            {t('syncSettings.hubHelp')}
          </p>
          {error ? (
            <p className="cmd-field-error" id={`${fieldId}-error`} role="alert" title={error.detail}>
              {t(error.key, { message: error.detail })}
            </p>
          ) : null}
        </div>
        <div className="cmd-actions">
          <button type="submit" className="cmd-btn cmd-btn-primary" disabled={busy}>
            {t('common.save')}
          </button>
          {route?.hubUrl ? (
            <button type="button" className="cmd-btn" disabled={busy} onClick={() => void save('')}>
              {t('syncSettings.remove')}
            </button>
          ) : null}
        </div>
        <div role="status" aria-live="polite">
          {saved ? <p className="cmd-ok-text">{t(saved)}</p> : null}
        </div>
      </form>
    </main>
  );
}
