/**
 * Fixed-window request counter per key (procedure + client address). In memory, so each replica
 * limits on its own; good enough to stop password guessing and pairing-code enumeration.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt; returns false when the key is over its limit for the current window. */
  take(key: string, nowMs: number): boolean {
    const current = this.windows.get(key);
    if (!current || nowMs - current.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.sweep(nowMs);
      this.windows.set(key, { start: nowMs, count: 1 });
      return true;
    }
    current.count++;
    return current.count <= this.limit;
  }

  private sweep(nowMs: number): void {
    for (const [key, window] of this.windows)
      if (nowMs - window.start >= this.windowMs) this.windows.delete(key);
  }
}
