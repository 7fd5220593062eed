import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { startPostgres, type TestPostgres } from '../testing/postgres';
import { pullDocuments } from './documents';

/**
 * The checkpoint proof as a test: transaction A takes a txid first but commits after B. A reader
 * between the two commits must not get B, or its checkpoint would pass A for good.
 */
describe('pull watermark (real Postgres, concurrent transactions)', () => {
  let pg: TestPostgres;
  let db: Database;
  beforeAll(async () => {
    pg = await startPostgres();
    db = await openDatabase({
      databaseUrl: pg.url,
      dataDir: 'unused',
      logger: pino({ level: 'silent' }),
    });
    await db.pool.query(`INSERT INTO orgs (id, name) VALUES ('o1', 'Org')`);
  });
  afterAll(async () => {
    await db?.close();
    await pg?.destroy();
  });

  const insert = (client: { query: Database['pool']['query'] }, id: string) =>
    client.query(
      `INSERT INTO documents (org_id, collection, id, branch_id, data) VALUES ('o1', 'orders', $1, 'b1', $2)`,
      [id, { id, branchId: 'b1' }],
    );

  it('never passes a row whose transaction started earlier but commits later', async () => {
    const a = await db.pool.connect();
    const b = await db.pool.connect();
    try {
      await a.query('BEGIN');
      await insert(a, 'A');
      await b.query('BEGIN');
      await insert(b, 'B');
      await b.query('COMMIT');
      const scope = { orgId: 'o1', branchId: 'b1' };
      const first = await pullDocuments(db.pool, 'orders', scope, null, 10);
      expect(first.documents.map((d) => d.id)).toEqual([]);
      expect(first.pending).toBe(true);
      // A naive reader (no watermark) already sees B and would move its checkpoint past A.
      const naive = await db.pool.query(
        `SELECT id FROM documents WHERE org_id = 'o1' ORDER BY txid, id`,
      );
      expect(naive.rows.map((r: { id: string }) => r.id)).toEqual(['B']);
      await a.query('COMMIT');
      const second = await pullDocuments(db.pool, 'orders', scope, first.checkpoint, 10);
      expect(second.documents.map((d) => d.id)).toEqual(['A', 'B']);
      const third = await pullDocuments(db.pool, 'orders', scope, second.checkpoint, 10);
      expect(third.documents).toEqual([]);
      expect(third.pending).toBe(false);
    } finally {
      a.release();
      b.release();
    }
  });

  it('pages through equal txids by id without repeating or skipping', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      for (const id of ['p3', 'p1', 'p2', 'p5', 'p4']) await insert(client, id);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const scope = { orgId: 'o1', branchId: 'b1' };
    let checkpoint = (await pullDocuments(db.pool, 'orders', scope, null, 100)).checkpoint;
    expect(checkpoint?.id).toBe('p5');
    const seen: string[] = [];
    checkpoint = null;
    for (;;) {
      const page = await pullDocuments(db.pool, 'orders', scope, checkpoint, 2);
      if (page.documents.length === 0) break;
      seen.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
    }
    expect(seen).toEqual(['A', 'B', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });
});
