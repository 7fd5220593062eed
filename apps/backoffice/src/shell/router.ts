import { useEffect, useState } from 'react';

/** The screens, by path. */
export const ROUTES = [
  '/',
  '/menu',
  '/staff',
  '/devices',
  '/reports',
  '/branches',
  '/audit',
] as const;
export type Route = (typeof ROUTES)[number];

function current(): Route {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  return (ROUTES as readonly string[]).includes(path) ? (path as Route) : '/';
}

/** The current screen; links call `navigate` (history API, so deep links and Back work). */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** Goes to a screen, keeping the query (the picked branch). */
export function navigate(route: Route): void {
  if (location.pathname === route) return;
  history.pushState(null, '', route + location.search);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The branch picked in the header, kept in the URL (`?branch=`) so reloads and links keep it. */
export function useBranchParam(): [string | null, (branchId: string | null) => void] {
  const read = () => new URLSearchParams(location.search).get('branch');
  const [branchId, setBranchId] = useState(read);
  useEffect(() => {
    const update = () => setBranchId(read());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  const set = (next: string | null) => {
    const query = new URLSearchParams(location.search);
    if (next) query.set('branch', next);
    else query.delete('branch');
    const search = query.toString();
    history.replaceState(null, '', location.pathname + (search ? `?${search}` : ''));
    setBranchId(next);
  };
  return [branchId, set];
}
