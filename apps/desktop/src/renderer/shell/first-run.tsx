import { useState, type FormEvent } from 'react';
import type { TillRuntime } from '../runtime/runtime.js';

/** First run (or "pair later"): pair with a server, or keep selling standalone. */
export function FirstRun({ runtime, onDone, canCancel }: { runtime: TillRuntime; onDone: () => void; canCancel: boolean }) {
  const [serverUrl, setServerUrl] = useState(runtime.settings().serverUrl ?? 'http://127.0.0.1:4455');
  const [code, setCode] = useState('');
  const [tillName, setTillName] = useState(runtime.settings().tillName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function pair(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await runtime.pair(serverUrl.trim(), code, tillName.trim() || 'Till');
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="first-run">
      <h1>Set up this till</h1>
      <form onSubmit={(e) => void pair(e)} aria-label="Pair with a sync server">
        <label>
          Server URL
          <input data-testid="pair-url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} required />
        </label>
        <label>
          Pairing code
          <input data-testid="pair-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" required />
        </label>
        <label>
          Till name
          <input data-testid="pair-name" value={tillName} onChange={(e) => setTillName(e.target.value)} />
        </label>
        <button type="submit" disabled={busy} data-testid="pair-submit">
          {busy ? 'Pairing…' : 'Pair'}
        </button>
        {error && (
          <p role="alert" className="error" data-testid="pair-error">
            {error}
          </p>
        )}
      </form>
      {canCancel ? (
        <button type="button" onClick={onDone}>
          Back to the till
        </button>
      ) : (
        <button
          type="button"
          data-testid="run-standalone"
          onClick={() => void runtime.runStandalone().then(onDone)}
        >
          Run standalone (pair later)
        </button>
      )}
    </main>
  );
}
