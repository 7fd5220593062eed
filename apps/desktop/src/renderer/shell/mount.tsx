import { createRoot } from 'react-dom/client';
import { TillApp } from './app.js';
import type { TillRuntime } from '../runtime/runtime.js';

/**
 * The user interface (React, every screen), loaded by main.tsx as its own chunk so that it is
 * fetched, compiled and evaluated while the local store opens instead of before.
 */
export function mountTill(element: HTMLElement, runtime: TillRuntime): void {
  createRoot(element).render(<TillApp runtime={runtime} />);
}
