import type { Locale } from '@comanda/ui';
import type { ReactNode } from 'react';
import type { BackofficeKey } from '@comanda/ui';
import { useShell } from './context';
import { navigate, type Route } from './router';

const NAV: readonly [Route, BackofficeKey][] = [
  ['/', 'bo.nav.dashboard'],
  ['/menu', 'bo.nav.menu'],
  ['/staff', 'bo.nav.staff'],
  ['/devices', 'bo.nav.devices'],
  ['/reports', 'bo.nav.reports'],
  ['/branches', 'bo.nav.branches'],
  ['/audit', 'bo.nav.audit'],
];

interface LayoutProps {
  route: Route;
  branchId: string | null;
  onBranch: (branchId: string | null) => void;
  onLocale: (locale: Locale) => void;
  /** Ends this session, or with `everywhere` every session of the account. */
  onSignOut: (everywhere: boolean) => void;
  children: ReactNode;
}

/** Header (branch, language, sign out), the section links and the current screen. */
export function Layout({ route, branchId, onBranch, onLocale, onSignOut, children }: LayoutProps) {
  const { i18n, branches, locale } = useShell();
  return (
    <div className="layout">
      <header className="top">
        <p className="brand">{i18n.t('bo.app.title')}</p>
        <label htmlFor="branch-picker">{i18n.t('bo.branch')}</label>
        <select
          id="branch-picker"
          value={branchId ?? ''}
          onChange={(e) => onBranch(e.target.value || null)}
        >
          <option value="">{i18n.t('bo.allBranches')}</option>
          {branches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <label htmlFor="language-picker">{i18n.t('bo.language')}</label>
        <select
          id="language-picker"
          value={locale}
          onChange={(e) => onLocale(e.target.value as Locale)}
        >
          <option value="en">English</option>
          <option value="fr">Français</option>
        </select>
        <button type="button" onClick={() => onSignOut(false)}>
          {i18n.t('bo.signOut')}
        </button>
        <button
          type="button"
          onClick={() => {
            if (confirm(i18n.t('bo.signOutEverywhereConfirm'))) onSignOut(true);
          }}
        >
          {i18n.t('bo.signOutEverywhere')}
        </button>
      </header>
      <nav aria-label={i18n.t('bo.nav.label')}>
        <ul>
          {NAV.map(([path, key]) => (
            <li key={path}>
              <a
                href={path}
                aria-current={route === path ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(path);
                }}
              >
                {i18n.t(key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="screen">{children}</main>
    </div>
  );
}
