import { createBackofficeI18n, type Locale } from '@comanda/ui';
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { TRPCProvider, useTRPC, type ApiClient } from './api/client';
import { useLiveUpdates } from './api/live';
import type { Session } from './api/session';
import { ShellContext, type BranchInfo, type ShellState } from './shell/context';
import { Layout } from './shell/layout';
import { prefetchDashboard } from './screens/dashboard-queries';
import { useBranchParam, useRoute } from './shell/router';
import { SCREENS } from './shell/screens';
import { SignIn } from './shell/sign-in';

function initialLocale(): Locale {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The back office: sign-in, then the shell around the current screen. */
export function App({ client, session }: { client: ApiClient; session: Session }) {
  const queryClient = useMemo(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, staleTime: 5_000 } } }),
    [],
  );
  const user = useSyncExternalStore(session.subscribe, () => session.user);
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [resuming, setResuming] = useState(() => !session.user && Boolean(session.refreshToken));
  useEffect(() => {
    if (resuming)
      void session
        .refresh()
        .catch(() => undefined)
        .finally(() => setResuming(false));
  }, [resuming, session]);
  useEffect(() => {
    document.documentElement.lang = locale;
    // A signed-out owner's data must not stay in the cache for the next one.
    if (!user) queryClient.clear();
  }, [locale, user, queryClient]);

  const signedOut: ShellState = {
    i18n: createBackofficeI18n(locale),
    locale,
    branches: [],
    branch: null,
    role: '',
  };
  let body;
  if (resuming) body = <p className="loading">{signedOut.i18n.t('bo.loading')}</p>;
  else if (!user) body = <SignIn client={client} session={session} />;
  else
    body = (
      <SignedIn
        locale={locale}
        role={user.role}
        onLocale={setLocale}
        onSignOut={(everywhere) => {
          const refreshToken = session.refreshToken;
          // Everywhere: every refresh token of the account is revoked (other browsers fail at
          // their next refresh); asked while this session's access token is still held.
          const revoke = everywhere
            ? client.auth.signOutEverywhere.mutate()
            : refreshToken
              ? client.auth.signOut.mutate({ refreshToken })
              : Promise.resolve();
          void revoke.catch(() => undefined).finally(() => session.clear());
        }}
      />
    );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <ShellContext.Provider value={signedOut}>{body}</ShellContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

interface SignedInProps {
  locale: Locale;
  role: string;
  onLocale: (locale: Locale) => void;
  onSignOut: (everywhere: boolean) => void;
}

function SignedIn({ locale, role, onLocale, onSignOut }: SignedInProps) {
  const trpc = useTRPC();
  useLiveUpdates();
  const route = useRoute();
  const [branchId, setBranchId] = useBranchParam();
  const branchesQuery = useQuery(trpc.owner.branches.list.queryOptions());
  const branches = useMemo<BranchInfo[]>(
    () =>
      (branchesQuery.data ?? []).map((d) => ({
        id: d.id,
        name: String(d.name),
        currency: String(d.currency),
        timeZone: String(d.timeZone),
        businessDayStartHour: Number(d.businessDayStartHour ?? 0),
      })),
    [branchesQuery.data],
  );
  const branch = branches.find((b) => b.id === branchId) ?? null;
  const format = branch ?? branches[0];
  const i18n = useMemo(
    () => createBackofficeI18n(locale, format?.currency, format?.timeZone),
    [locale, format?.currency, format?.timeZone],
  );
  const state: ShellState = {
    i18n,
    locale,
    branches,
    branch,
    role,
  };
  const queryClient = useQueryClient();
  // The dashboard's figures are asked for as soon as the branches say which day is today, in
  // parallel with its chunk, instead of after the chunk has loaded and rendered.
  const ready = !branchesQuery.isPending;
  useEffect(() => {
    if (ready && route === '/') prefetchDashboard(queryClient, trpc, state, Date.now());
    // Once per sign-in: later visits read the cache and the live signals keep it fresh.
  }, [ready]);
  const Screen = SCREENS[route].useLoaded();
  return (
    <ShellContext.Provider value={state}>
      <Layout
        route={route}
        branchId={branchId}
        onBranch={setBranchId}
        onLocale={onLocale}
        onSignOut={onSignOut}
      >
        {branchesQuery.isPending || !Screen ? (
          <p className="loading">{state.i18n.t('bo.loading')}</p>
        ) : (
          <Screen />
        )}
      </Layout>
    </ShellContext.Provider>
  );
}
