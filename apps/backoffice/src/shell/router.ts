import { useEffect, useState } from 'react';

/** The screens, by path. */
export const ROUTES = ['/', '/menu', '/staff', '/devices', '/reports'] as const;
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

export function navigate(route: Route): void {
  if (location.pathname === route) return;
  history.pushState(null, '', route);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
