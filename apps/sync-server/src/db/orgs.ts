import type { Queryable } from './tx';

/** Creates the org unless it exists (an existing org keeps its name and currency). */
export async function ensureOrg(
  db: Queryable,
  org: { id: string; name: string; currency?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO orgs (id, name, currency) VALUES ($1, $2, coalesce($3, 'EUR'))
     ON CONFLICT (id) DO NOTHING`,
    [org.id, org.name, org.currency ?? null],
  );
}
