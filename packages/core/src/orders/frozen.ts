import { stableStringify } from '../common/stable-json';
import { APPEND_ONLY_WHEN_FROZEN, MUTABLE_WHEN_FROZEN } from './lifecycle';

const MUTABLE = new Set<string>(MUTABLE_WHEN_FROZEN);

/**
 * What a write changes in a frozen order (`FROZEN_STATUSES`) that the rules forbid, or null when
 * it only does what they allow: fields outside `MUTABLE_WHEN_FROZEN` unchanged, and every entry of
 * each `APPEND_ONLY_WHEN_FROZEN` list still there, unchanged. New entries may sit anywhere in a
 * list, not only at its end: the lists are sets that `mergeOrders` keeps sorted by time, so a
 * till's merge of the server's copy with a concurrent change (a close or a reprint made on another
 * till a moment earlier) places that entry among the server's. Checking positions refused that
 * join for ever. The server runs this on every push of a frozen order; `before` and `after` are
 * the documents without `_deleted`.
 */
export function frozenOrderViolation(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string | null {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!MUTABLE.has(key) && stableStringify(before[key]) !== stableStringify(after[key]))
      return `"${key}" cannot change`;
  }
  for (const key of APPEND_ONLY_WHEN_FROZEN) {
    if (!containsAll(listOf(after[key]), listOf(before[key])))
      return `"${key}" can only be appended to`;
  }
  return null;
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Whether `list` holds every entry of `entries` (as many times as `entries` does). */
export function containsAll(list: readonly unknown[], entries: readonly unknown[]): boolean {
  const counts = new Map<string, number>();
  for (const entry of list) {
    const key = stableStringify(entry);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const entry of entries) {
    const key = stableStringify(entry);
    const left = counts.get(key) ?? 0;
    if (left === 0) return false;
    counts.set(key, left - 1);
  }
  return true;
}
