import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, type Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';
import { advanceTxidTo, nextPowerOfTen, nextTxid } from '../testing/xid';
import { headCheckpoint } from './documents';

type Checkpoint = { txid: string; id: string } | null;

/** Pulls until a short page; returns every id received, in order, duplicates included. */
async function pullIds(till: Client, from: Checkpoint, limit: number) {
  const ids: string[] = [];
  let checkpoint = from;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await till.sync.pull.query({ collection: 'orders', checkpoint, limit });
    ids.push(...page.documents.map((d) => d.id));
    checkpoint = page.checkpoint;
    if (page.documents.length < limit) return { ids, checkpoint };
  }
  throw new Error('pull never caught up');
}

function expectExactlyOnce(received: string[], expected: string[]): void {
  expect(received.length - new Set(received).size).toBe(0);
  expect([...received].sort()).toEqual([...expected].sort());
}

/**
 * Checkpoints compare as xid8 numbers, never as text: "1000" < "999" as text, so a page sorted
 * that way hands out a checkpoint past rows it never returned. These tests cross powers of ten
 * with pages smaller than the backlog.
 */
describe.each(ENGINES)('checkpoint order across txid powers of ten on %s', (engine) => {
  let server: TestServer;
  let paris: string;
  let writers: Client[];
  let n = 0;
  const newId = () => `ck-${engine}-${String(++n).padStart(6, '0')}`;
  const pool = () => server.server.services.db.pool;
  const newTill = async (name: string) =>
    (
      await deviceClient(
        server.trpcUrl,
        await pairTill(server.server, server.demo.orgId, paris, name),
      )
    ).client;
  const pushOne = (till: Client, id: string) =>
    till.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: orderDoc({ id, branchId: paris }) }],
    });

  beforeAll(async () => {
    server = await startOnEngine(engine);
    paris = server.demo.branchIds[0] ?? '';
    writers = [await newTill('w1'), await newTill('w2'), await newTill('w3')];
  });
  afterAll(() => server?.close());

  it.each([1000n, 10_000n])(
    'a till catching up from null gets every order once across %s',
    async (boundary) => {
      await advanceTxidTo(pool(), boundary - 100n);
      const written: string[] = [];
      // One transaction per order, so ~200 consecutive txids straddle the boundary.
      for (let i = 0; i < 200; i++) {
        const id = newId();
        written.push(id);
        expect(await pushOne(writers[0]!, id)).toEqual([]);
      }
      expect(await nextTxid(pool())).toBeGreaterThan(boundary);
      const all = await pullIds(await newTill(`reader ${boundary}`), null, 10);
      const ours = all.ids.filter((id) => written.includes(id));
      expectExactlyOnce(ours, written);
      // The head is the newest document, as a number: the last checkpoint of the full pull.
      const head = await headCheckpoint(pool(), 'orders', {
        orgId: server.demo.orgId,
        branchId: paris,
      });
      expect(head).toEqual(all.checkpoint);
      // A big page must not stop at the last three-digit (or four-digit) txid either.
      const big = await pullIds(await newTill(`big ${boundary}`), null, 1000);
      expectExactlyOnce(big.ids, all.ids);
    },
  );

  it('property: random starts below 10^k, random page sizes, concurrent writers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.integer({ min: 1, max: 17 }),
        async (below, batchesPerWriter, pageSize) => {
          // The next power of ten up to 10^5 (cheap to reach); past it, start where we are.
          const next = await nextTxid(pool());
          const boundary = nextPowerOfTen(next);
          if (boundary <= 100_000n) await advanceTxidTo(pool(), boundary - BigInt(below));
          const reader = await newTill('reader');
          const start = (await pullIds(reader, null, 1000)).checkpoint;
          const written: string[] = [];
          let writing = true;
          const writes = Promise.all(
            batchesPerWriter.map(async (batches, w) => {
              for (const size of batches) {
                const docs = Array.from({ length: size }, () =>
                  orderDoc({ id: newId(), branchId: paris }),
                );
                written.push(...docs.map((d) => d.id));
                const conflicts = await writers[w]!.sync.push.mutate({
                  collection: 'orders',
                  rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
                });
                expect(conflicts).toEqual([]);
              }
            }),
          ).finally(() => {
            writing = false;
          });
          // Pull while the writers write, then until caught up.
          const live: string[] = [];
          let checkpoint: Checkpoint = start;
          for (;;) {
            const done = !writing;
            const page = await reader.sync.pull.query({
              collection: 'orders',
              checkpoint,
              limit: pageSize,
            });
            live.push(...page.documents.map((d) => d.id));
            checkpoint = page.checkpoint;
            if (done && page.documents.length < pageSize) break;
          }
          await writes;
          expectExactlyOnce(live, written);
        },
      ),
      { numRuns: 4 },
    );
  });
});
