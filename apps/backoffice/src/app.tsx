import { createBackofficeI18n, type Locale } from '@comanda/ui';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { TRPCProvider, useTRPC, type ApiClient } from './api/client';
import { useLiveUpdates } from './api/live';
import type { Session } from './api/session';
import { ShellContext, type BranchInfo, type ShellState } from './shell/context';
import { Layout } from './shell/layout';
import { useBranchParam, useRoute, type Route } from './shell/router';
import { SignIn } from './shell/sign-in';

// Each screen is its own chunk: the sign-in page does not wait for the charting library.
const screens: Record<Route, ReturnType<typeof lazy>> = {
  '/': lazy(() => import('./screens/dashboard').then((m) => ({ default: m.Dashboard }))),
  '/menu': lazy(() => import('./screens/menu').then((m) => ({ default: m.MenuScreen }))),
  '/staff': lazy(() => import('./screens/staff').then((m) => ({ default: m.StaffScreen }))),
  '/devices': lazy(() => import('./screens/devices').then((m) => ({ default: m.DevicesScreen }))),
  '/reports': lazy(() => import('./screens/reports').then((m) => ({ default: m.ReportsScreen }))),
  '/branches': lazy(() =>
    import('./screens/branches').then((m) => ({ default: m.BranchesScreen })),
  ),
  '/audit': lazy(() => import('./screens/audit').then((m) => ({ default: m.AuditScreen }))),
};

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
  const state: ShellState = {
    i18n: createBackofficeI18n(locale, format?.currency, format?.timeZone),
    locale,
    branches,
    branch,
    role,
  };
  const Screen = screens[route];
  return (
    <ShellContext.Provider value={state}>
      <Layout
        route={route}
        branchId={branchId}
        onBranch={setBranchId}
        onLocale={onLocale}
        onSignOut={onSignOut}
      >
        {branchesQuery.isPending ? (
          <p className="loading">{state.i18n.t('bo.loading')}</p>
        ) : (
          <Suspense fallback={<p className="loading">{state.i18n.t('bo.loading')}</p>}>
            <Screen />
          </Suspense>
        )}
      </Layout>
    </ShellContext.Provider>
  );
}
