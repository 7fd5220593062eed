import { useEffect, useState } from 'react';

/** A code-split module loaded once, on demand or ahead of time. */
export interface Chunk<T> {
  /** Starts loading (once); the promise settles with the export. */
  preload(): Promise<T>;
  /**
   * The export once loaded, null meanwhile; loading starts on the first render that asks with
   * `wanted` (default true), so a screen can hold a heavy part back until it has painted.
   */
  useLoaded(wanted?: boolean): T | null;
}

/**
 * Wraps a dynamic `import()`. Deliberately not React.lazy/Suspense: React 19 holds a suspended
 * boundary's content back for 300 ms after its fallback shows, which alone cost the dashboard a
 * third of its first-paint budget. A chunk that failed to load (a server restarted with a new
 * build) is fetched again by the next caller.
 */
export function chunk<T>(load: () => Promise<T>): Chunk<T> {
  let value: { loaded: T } | null = null;
  let loading: Promise<T> | null = null;
  const preload = (): Promise<T> => {
    loading ??= load().then(
      (loaded) => {
        value = { loaded };
        return loaded;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  function useLoaded(wanted = true): T | null {
    const [, setVersion] = useState(0);
    const current = value;
    useEffect(() => {
      if (current || !wanted) return;
      let live = true;
      preload().then(
        () => live && setVersion((v) => v + 1),
        () => undefined,
      );
      return () => {
        live = false;
      };
      // `preload` differs per chunk: a screen switched to while another was loading loads too.
    }, [current, preload, wanted]);
    return current?.loaded ?? null;
  }
  return { preload, useLoaded };
}
