import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { formErrorOf, formErrorOfZod, type FormError } from '../api/errors';
import type { ApiClient } from '../api/client';
import type { Session } from '../api/session';
import { useShell } from './context';
import { Field, FormMessage } from './field';
import { useRoute } from './router';
import { SCREENS } from './screens';

// The same bounds as the server's `auth.signIn` input.
const signInSchema = z.object({ email: z.email().max(254), password: z.string().min(1).max(200) });

/** Owner (or manager) email + password sign-in. */
export function SignIn({ client, session }: { client: ApiClient; session: Session }) {
  const { i18n } = useShell();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const route = useRoute();
  // The screen shown after sign-in loads while the owner types, not after the click.
  useEffect(() => {
    void SCREENS[route].preload().catch(() => undefined);
  }, [route]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = signInSchema.safeParse({ email, password });
    if (!checked.success) return setError(formErrorOfZod(checked.error));
    setBusy(true);
    try {
      session.accept(await client.auth.signIn.mutate(checked.data));
    } catch (e) {
      setError(formErrorOf(e));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>{i18n.t('bo.app.title')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{i18n.t('bo.signIn.title')}</h2>
        <Field label={i18n.t('bo.signIn.email')} error={error?.fields.email}>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={i18n.t('bo.signIn.password')} error={error?.fields.password}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {error && Object.keys(error.fields).length === 0 && (
          <FormMessage error>{error.message}</FormMessage>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {i18n.t('bo.signIn.submit')}
        </button>
      </form>
    </main>
  );
}
