import { useState, type FormEvent } from 'react';
import { useI18n } from '@comanda/ui';
import type { TillRuntime } from '../runtime/runtime.js';

/** First run (or "pair later"): pair with a server, or keep selling standalone. */
export function FirstRun({ runtime, onDone, canCancel }: { runtime: TillRuntime; onDone: () => void; canCancel: boolean }) {
  const [serverUrl, setServerUrl] = useState(runtime.settings().serverUrl ?? 'http://127.0.0.1:4455');
  const [code, setCode] = useState('');
  const [tillName, setTillName] = useState(runtime.settings().tillName);
  const [kitchen, setKitchen] = useState(false);
  const [stations, setStations] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useI18n();

  async function pair(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const kitchenStations = stations.split(',').map((s) => s.trim()).filter((s) => s !== '');
      await runtime.pair(serverUrl.trim(), code, tillName.trim() || t('firstRun.defaultTillName'), kitchen ? { stations: kitchenStations } : undefined);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="first-run">
      <h1>{t('firstRun.title')}</h1>
      <form onSubmit={(e) => void pair(e)} aria-label={t('firstRun.form')}>
        <label>
          {t('firstRun.serverUrl')}
          <input data-testid="pair-url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} required />
        </label>
        <label>
          {t('firstRun.code')}
          <input data-testid="pair-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        </label>
        <label>
          {t('firstRun.tillName')}
          <input data-testid="pair-name" value={tillName} onChange={(e) => setTillName(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" data-testid="pair-kitchen" checked={kitchen} onChange={(e) => setKitchen(e.target.checked)} />
          {t('firstRun.kitchen')}
        </label>
        {kitchen && (
          <label>
            {t('firstRun.kitchenStations')}
            <input data-testid="pair-stations" value={stations} onChange={(e) => setStations(e.target.value)} />
          </label>
        )}
        <button type="submit" disabled={busy} data-testid="pair-submit">
          {busy ? t('firstRun.pairing') : t('firstRun.pair')}
        </button>
        {error && (
          <p role="alert" className="error" data-testid="pair-error">
            {error}
          </p>
        )}
      </form>
      {canCancel ? (
        <button type="button" onClick={onDone}>
          {t('firstRun.back')}
        </button>
      ) : (
        <button
          type="button"
          data-testid="run-standalone"
          onClick={() => void runtime.runStandalone().then(onDone)}
        >
          {t('firstRun.standalone')}
        </button>
      )}
    </main>
  );
}
