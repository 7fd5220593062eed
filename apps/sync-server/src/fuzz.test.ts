import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeOrderTotals, orderDocSchema } from '@comanda/core';
import { SYNC_COLLECTIONS } from '@comanda/core/sync';
import { auditEventDoc, closedShiftDoc } from './testing/docs';
import { arbitraryOf } from './testing/schema-arbitrary';
import { ENGINES, startOnEngine } from './testing/engines';
import type { TestServer } from './testing/index';
import {
  accessTokens,
  procedureCatalogue,
  rawCall,
  type ProcedureCase,
} from './testing/procedures';

/**
 * Malformed input to every procedure, over real HTTP, on both engines: no answer may be ≥ 500 and
 * the server must stay ready. Each input is a valid one (the catalogue's, which follows the zod
 * schemas: a full order document for `sync.push`) with one hostile mutation at a random place:
 * a huge or fractional number, a long or odd string, a 5,000-deep array or object, an unknown
 * key, a missing key, a wrong type, or random JSON. CI runs FUZZ_RUNS (default 1,000) per engine;
 * run more with `FUZZ_RUNS=20000 FUZZ_SEED=… pnpm --filter @comanda/sync-server exec vitest run
 * src/fuzz.test.ts`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** Documents generated from core's schemas (right shape, random content), a quarter of RUNS. */
const GENERATED = Math.ceil(RUNS / 4);

type Path = (string | number)[];

/** Marker strings replaced in the JSON text by deep nesting (clients cannot even build it). */
const DEEP = /"@@deep:(\d+):([ao])@@"/g;
function deepText(depth: number, kind: string): string {
  return kind === 'a'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    2 ** 64,
    1e308,
    -1e308,
    1e21,
    0.5,
    -1,
    0,
  ),
  fc.constantFrom(
    '99999999999999999999999',
    '18446744073709551616:x',
    '',
    'x\u0000y',
    '\ud800',
    "'; DROP TABLE documents; --",
    '../../etc/passwd',
  ),
  fc.integer({ min: 1_001, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc
    .tuple(fc.integer({ min: 9, max: 5_000 }), fc.constantFrom('a', 'o'))
    .map(([depth, kind]) => `@@deep:${depth}:${kind}@@`),
  fc.constantFrom(null, true, false, [], {}, [1, 2], { isAdmin: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every path of an input that leads to a value, the root included. */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function containerAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
}

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'unknownKey'; at: number; value: unknown }
  | { kind: 'deleteKey'; at: number }
  | { kind: 'whole'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      value: hostileValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('unknownKey' as const),
      at: fc.nat(),
      value: hostileValue,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteKey' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostileValue }) },
);

/** The input with the mutations applied in turn, as JSON text (deep markers expanded). */
function mutate(input: unknown, mutations: readonly Mutation[]): string {
  let result: unknown = structuredClone(input ?? {});
  for (const m of mutations) result = mutateOnce(result, m);
  return (JSON.stringify(result) ?? 'null').replace(DEEP, (_all, depth: string, kind: string) =>
    deepText(Number(depth), kind),
  );
}

function mutateOnce(copy: unknown, shared: Mutation): unknown {
  // Hostile values are shared between samples: insert copies, never the sample's own object.
  const m = structuredClone(shared);
  const paths = pathsOf(copy);
  let result = copy;
  if (m.kind === 'whole') result = m.value;
  else {
    const path = paths[m.at % paths.length]!;
    if (m.kind === 'replace') {
      if (path.length === 0) result = m.value;
      else
        (containerAt(copy, path.slice(0, -1)) as Record<string | number, unknown>)[path.at(-1)!] =
          m.value;
    } else {
      const objects = paths.filter((p) => {
        const v = containerAt(copy, p);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const chosen = objects[m.at % objects.length];
      if (!chosen) return result;
      const target = containerAt(copy, chosen) as Record<string, unknown>;
      if (m.kind === 'unknownKey') target.zzUnknown = m.value;
      else {
        const keys = Object.keys(target);
        if (keys.length > 0) delete target[keys[m.at % keys.length]!];
      }
    }
  }
  return result;
}

describe.each(ENGINES)('fuzzing every procedure (%s)', (engine) => {
  let server: TestServer;
  let catalogue: ProcedureCase[];
  const token: Record<string, string | undefined> = {};

  beforeAll(async () => {
    server = await startOnEngine(engine, { authRateLimit: 1_000_000 });
    const paris = server.demo.branchIds[0]!;
    Object.assign(token, await accessTokens(server, paris));
    const push = (collection: string, doc: unknown): ProcedureCase => ({
      path: 'sync.push',
      type: 'mutation',
      access: 'device',
      input: { collection, rows: [{ assumedMasterState: null, newDocumentState: doc }] },
    });
    catalogue = [
      ...procedureCatalogue({ branchId: paris, deviceId: 'dev_unknown', userId: 'usr_unknown' }),
      push('auditEvents', {
        ...auditEventDoc('0195bbbb-0000-7000-8000-000000000000', paris),
        details: { amount: 1 },
      }),
      push('shifts', closedShiftDoc('0195cccc-0000-7000-8000-000000000000', paris)),
    ];
  });
  afterAll(() => server?.close());

  it(`${RUNS} malformed inputs: no answer ≥ 500, and the server stays ready`, async () => {
    // sync.push takes the richest input (whole documents): it gets a third of the cases.
    const pushes = catalogue.flatMap((c, i) => (c.path === 'sync.push' ? [i] : []));
    const procedure = fc.oneof(
      { weight: 2, arbitrary: fc.nat({ max: catalogue.length - 1 }) },
      { weight: 1, arbitrary: fc.constantFrom(...pushes) },
    );
    const cases = fc.sample(
      fc.tuple(procedure, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat({ max: 9 })),
      { numRuns: RUNS, seed: SEED },
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [index, m, tokenDice] of cases) {
      const c = catalogue[index]!;
      const body = mutate(c.input, m);
      // Mostly the right credential (to reach validation), sometimes none or the wrong kind.
      const who = tokenDice === 0 ? undefined : tokenDice === 1 ? token.device : token[c.access];
      const outcome = await rawCall(
        server.trpcUrl,
        c,
        `RAW:${body}`,
        who,
        AbortSignal.timeout(20_000),
      ).catch((error: unknown) => error as Error);
      if (outcome instanceof Error) {
        // A well-formed stream may legitimately stay open with nothing to say: not an error.
        if (c.type === 'subscription' && outcome.name === 'TimeoutError') continue;
        failures.push(`${c.path} ${body.slice(0, 120)} → no answer: ${outcome.message}`);
        continue;
      }
      const { status, body: reply } = outcome;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500)
        failures.push(
          `${c.path} ${body.slice(0, 120)} → ${status} ${JSON.stringify(reply).slice(0, 200)}`,
        );
    }
    console.info(
      `fuzz (${engine}): ${cases.length} inputs, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    const pull = catalogue.find((c) => c.path === 'sync.pull')!;
    expect((await rawCall(server.trpcUrl, pull, pull.input, token.device)).status).toBe(200);
  }, 900_000);

  it(`${GENERATED} documents generated from core's schemas: pushed, never a 5xx`, async () => {
    const paris = server.demo.branchIds[0]!;
    const collections = ['orders', 'shifts', 'auditEvents', 'menu'] as const;
    const documents = fc.oneof(
      ...collections.map((collection) =>
        arbitraryOf(SYNC_COLLECTIONS[collection].schema).map((doc) => ({ collection, doc })),
      ),
    );
    const cases = fc.sample(fc.tuple(documents, fc.boolean()), { numRuns: GENERATED, seed: SEED });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const [i, [{ collection, doc }, withTotals]] of cases.entries()) {
      // The tenancy fields right, so the document reaches the business rules.
      const fields: Record<string, unknown> = {
        ...(doc as Record<string, unknown>),
        id: `gen-${i}`,
        branchId: paris,
      };
      if (collection === 'orders' && withTotals) {
        try {
          fields.totals = computeOrderTotals(orderDocSchema.parse(fields));
        } catch {
          // Not a valid order (or its sums overflow): pushed with the generated totals.
        }
      }
      const push = catalogue.find((c) => c.path === 'sync.push')!;
      const input = {
        collection,
        rows: [{ assumedMasterState: null, newDocumentState: { ...fields, _deleted: false } }],
      };
      const { status, body } = await rawCall(server.trpcUrl, push, input, token.device);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500)
        failures.push(
          `${collection} ${JSON.stringify(fields).slice(0, 160)} → ${status} ${JSON.stringify(body).slice(0, 200)}`,
        );
    }
    console.info(
      `generated (${engine}): ${cases.length} documents, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures, `replay with FUZZ_SEED=${SEED}`).toEqual([]);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
  }, 900_000);
});
