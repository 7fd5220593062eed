import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, httpStatusOf, ownerClient, type Client } from '../testing/client';
import { ENGINES, startOnEngine } from '../testing/engines';
import type { TestServer } from '../testing/index';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ status: 200, message: '' }),
    (error: unknown) => ({ status: httpStatusOf(error), message: (error as Error).message }),
  );

/** The back office's pairing dialog makes a code for one kind of device: only that kind pairs with it. */
describe.each(ENGINES)('pairing codes for one kind of device (%s)', (engine) => {
  let server: TestServer;
  let owner: Client;
  let paris: string;

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = ''] = server.demo.branchIds;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
  });
  afterAll(() => server?.close());

  const pair = (code: string, kind?: 'till' | 'kitchen' | 'board') =>
    createClient(server.trpcUrl).auth.pair.mutate({
      code,
      deviceName: `device ${kind ?? 'default'}`,
      ...(kind ? { kind } : {}),
    });

  it('a board code pairs a board, and refuses a till without spending the code', async () => {
    const { code } = await owner.owner.devices.createPairingCode.mutate({
      branchId: paris,
      kind: 'board',
    });
    const refused = await failure(pair(code, 'till'));
    expect(refused.status).toBe(412);
    expect(refused.message).toBe(
      'This code was made for a ready board, not a till: type it there, or create a code for a till in the back office.',
    );
    // Kinds are refused the same way whether the device names its kind or not (a till by default).
    expect((await failure(pair(code))).status).toBe(412);
    const board = await pair(code, 'board');
    expect(board.branchId).toBe(paris);
    const { rows } = await server.server.services.db.pool.query<{ kind: string }>(
      'SELECT kind FROM devices WHERE id = $1',
      [board.deviceId],
    );
    expect(rows).toEqual([{ kind: 'board' }]);
    // Spent now.
    expect((await failure(pair(code, 'board'))).status).toBe(401);
  });

  it('a kitchen code pairs a kitchen screen only; a code without a kind pairs any device', async () => {
    const kitchen = await owner.owner.devices.createPairingCode.mutate({
      branchId: paris,
      kind: 'kitchen',
    });
    expect((await failure(pair(kitchen.code, 'board'))).message).toMatch(
      /made for a kitchen screen, not a ready board/,
    );
    await pair(kitchen.code, 'kitchen');
    const any = await owner.owner.devices.createPairingCode.mutate({ branchId: paris });
    await pair(any.code, 'board');
  });

  it('an unknown kind is a 400 naming the field', async () => {
    const refused = await failure(
      owner.owner.devices.createPairingCode.mutate({
        branchId: paris,
        kind: 'printer' as never,
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(/kind/);
  });
});
