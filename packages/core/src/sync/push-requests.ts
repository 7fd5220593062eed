/**
 * How a till cuts its push batches into requests (decision 0014), in one place for the till and
 * the server's catch-up bench.
 */

/** Half the server's default body limit: room for the envelope and for non-ASCII text. */
export const PUSH_BODY_BUDGET = 512 * 1024;

/**
 * Push requests of a till in flight at once: the next request's JSON and HTTP overlap the
 * server's apply of the previous one. Each batch is acknowledged once all its requests succeeded.
 */
export const PUSH_REQUESTS_IN_FLIGHT = 2;

const utf8 = new TextEncoder();

/**
 * Splits rows into consecutive chunks whose JSON stays within `budget` bytes (UTF-8). A row
 * larger than the budget on its own travels alone; order is kept.
 */
export function chunkBySize<T>(rows: readonly T[], budget: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    const bytes = utf8.encode(JSON.stringify(row)).length + 1;
    if (current.length > 0 && size + bytes > budget) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
