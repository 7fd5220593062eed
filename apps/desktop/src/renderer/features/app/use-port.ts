import { useEffect, useState } from 'react';
import type { Listener, Unsubscribe } from '../../till-ports';

/**
 * Subscribes to a port stream for the component's lifetime. `subscribe` must be stable for a
 * given `key` (pass the id it depends on).
 */
export function usePort<T>(subscribe: (listener: Listener<T>) => Unsubscribe, initial: T, key: unknown = null): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => subscribe(setValue), [key]);
  return value;
}
