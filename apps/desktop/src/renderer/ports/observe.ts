import type { Observable } from 'rxjs';
import type { Listener, Unsubscribe } from '../till-ports/index.js';

/** Adapts an RxJS observable to the ports' listener convention (current value first, then changes). */
export function listen<T>(source: Observable<T>, listener: Listener<T>): Unsubscribe {
  const sub = source.subscribe(listener);
  return () => sub.unsubscribe();
}
