import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/index';
import {
  accessTokens,
  procedureCatalogue,
  rawCall,
  type ProcedureCase,
} from './testing/procedures';

const INJECTIONS = [
  "'; DROP TABLE documents; --",
  'x\u0000y',
  '<script>alert(1)</script>',
  '${process.exit()}',
  '../../../../etc/passwd',
  '\ud800',
  'x'.repeat(20_000),
];

/** Replaces every string in an input with `value` (keys stay). */
function replaceStrings(input: unknown, value: string): unknown {
  if (typeof input === 'string') return value;
  if (Array.isArray(input)) return input.map((v) => replaceStrings(v, value));
  if (input && typeof input === 'object') {
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, replaceStrings(v, value)]));
  }
  return input;
}

/** Replaces every number with a string and every string with a number. */
function swapTypes(input: unknown): unknown {
  if (typeof input === 'string') return 12;
  if (typeof input === 'number') return 'twelve';
  if (Array.isArray(input)) return input.map(swapTypes);
  if (input && typeof input === 'object')
    return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, swapTypes(v)]));
  return input;
}

describe('malformed input to every procedure', () => {
  let server: TestServer;
  let catalogue: ProcedureCase[];
  const token: Record<string, string | undefined> = {};

  beforeAll(async () => {
    // A higher auth rate limit so the sign-in rows test validation, not only the limiter.
    server = await startTestServer({ authRateLimit: 1000 });
    const paris = server.demo.branchIds[0]!;
    Object.assign(token, await accessTokens(server, paris));
    catalogue = procedureCatalogue({
      branchId: paris,
      deviceId: 'dev_unknown',
      userId: 'usr_unknown',
    });
  });
  afterAll(() => server?.close());

  let failures: string[] = [];
  beforeEach(() => {
    failures = [];
  });
  const check = async (
    c: ProcedureCase,
    input: unknown,
    label: string,
    want: 'client-error' | 'not-server-error',
  ) => {
    const { status, body } = await rawCall(server.trpcUrl, c, input, token[c.access]);
    const message = body.error?.message;
    const ok =
      want === 'client-error'
        ? status >= 400 && status < 500 && typeof message === 'string' && message.length > 0
        : status < 500;
    if (!ok)
      failures.push(`${c.path} [${label}] → ${status} ${JSON.stringify(body).slice(0, 160)}`);
    return { status, message };
  };

  it('wrong types, unknown fields and broken JSON get a 4xx with a message', async () => {
    for (const c of catalogue) {
      if (c.input === undefined) continue;
      for (const [label, input] of [
        ['number', 42],
        ['string', 'hello'],
        ['array', [1, 2]],
        ['null', null],
        // Inputs with nothing to swap (e.g. `{}`) stay valid: then only the other rows apply.
        ...(JSON.stringify(swapTypes(c.input)) === JSON.stringify(c.input)
          ? []
          : [['swapped types', swapTypes(c.input)] as const]),
        ['unknown field', { ...(c.input as object), isAdmin: true }],
      ] as const) {
        await check(c, input, label, 'client-error');
      }
      if (c.type === 'mutation') await check(c, 'RAW:{"broken": ', 'broken json', 'client-error');
    }
    expect(failures).toEqual([]);
  });

  it('the message names the field at fault', async () => {
    const pull = catalogue.find((c) => c.path === 'sync.pull')!;
    const { status, message } = await check(
      pull,
      { collection: 'orders', checkpoint: null, limit: 'ten' },
      'bad limit',
      'client-error',
    );
    expect(status).toBe(400);
    expect(message).toMatch(/limit/);
    const push = catalogue.find((c) => c.path === 'sync.push')!;
    const row = (push.input as { rows: { newDocumentState: Record<string, unknown> }[] }).rows[0]!;
    const bad = {
      collection: 'orders',
      rows: [
        {
          assumedMasterState: null,
          newDocumentState: { ...row.newDocumentState, ticketNumber: -3 },
        },
      ],
    };
    const result = await check(push, bad, 'bad doc', 'client-error');
    expect(result.message).toMatch(/rows\.0\.newDocumentState\.ticketNumber/);
  });

  it('checkpoints beyond xid8 are a 400 before they reach the database', async () => {
    const pull = catalogue.find((c) => c.path === 'sync.pull')!;
    const txid = '9'.repeat(25);
    const { status, message } = await check(
      pull,
      { collection: 'orders', checkpoint: { txid, id: 'x' }, limit: 10 },
      '25-digit txid',
      'client-error',
    );
    expect(status).toBe(400);
    expect(message).toMatch(/txid/);
    expect(failures).toEqual([]);
  });

  it('injection strings never cause a 5xx', async () => {
    for (const c of catalogue) {
      if (c.input === undefined) continue;
      for (const value of INJECTIONS)
        await check(
          c,
          replaceStrings(c.input, value),
          `inject ${value.slice(0, 12)}`,
          'not-server-error',
        );
    }
    expect(failures).toEqual([]);
  });

  it('huge payloads get 413 (or 4xx), not a crash', async () => {
    const push = catalogue.find((c) => c.path === 'sync.push')!;
    const big = {
      collection: 'orders',
      rows: [
        { assumedMasterState: null, newDocumentState: { notes: 'x'.repeat(3 * 1024 * 1024) } },
      ],
    };
    const { status } = await check(push, big, 'huge', 'client-error');
    expect(status).toBe(413);
    const many = {
      collection: 'orders',
      rows: Array.from({ length: 5000 }, () => ({
        assumedMasterState: null,
        newDocumentState: {},
      })),
    };
    await check(push, many, 'too many rows', 'client-error');
    const pull = catalogue.find((c) => c.path === 'sync.pull')!;
    await check(
      pull,
      { collection: 'orders', checkpoint: null, limit: 10_000_000 },
      'huge limit',
      'client-error',
    );
    expect(failures).toEqual([]);
  });

  it('the server keeps serving, with its tables intact', async () => {
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    const pull = catalogue.find((c) => c.path === 'sync.pull')!;
    const { status } = await rawCall(server.trpcUrl, pull, pull.input, token.device);
    expect(status).toBe(200);
    const { rows } = await server.server.services.db.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM documents WHERE collection = 'menu'",
    );
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(server.demo.menuCount);
  });
});
