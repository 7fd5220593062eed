import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, deviceClient, httpStatusOf, ownerClient } from './testing/client';
import { orderDoc } from './testing/docs';
import { startTestServer, type TestServer } from './testing/index';

describe('vertical slice on PGlite', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('pairs a till, pushes an order and pulls it back', async () => {
    const { client: owner } = await ownerClient(
      server.trpcUrl,
      server.demo.owner.email,
      server.demo.owner.password,
    );
    const branchId = server.demo.branchIds[0]!;
    const { code } = await owner.owner.devices.createPairingCode.mutate({ branchId });
    const anon = createClient(server.trpcUrl);
    const credential = await anon.auth.pair.mutate({
      code: code.toLowerCase(),
      deviceName: 'Comptoir',
    });
    expect(credential.branchId).toBe(branchId);
    // Its ticket prefix in the branch ("A-12"); see auth/till-codes.test.ts.
    expect(credential.tillCode).toMatch(/^[A-Z]{1,2}$/);
    await expect(anon.auth.pair.mutate({ code, deviceName: 'again' })).rejects.toSatisfy(
      (e) => httpStatusOf(e) === 401,
    );

    const { client: till } = await deviceClient(server.trpcUrl, credential);
    const order = orderDoc({ id: '01930000-0000-7000-8000-000000000001', branchId });
    const conflicts = await till.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: order }],
    });
    expect(conflicts).toEqual([]);
    const page = await till.sync.pull.query({ collection: 'orders', checkpoint: null, limit: 10 });
    expect(page.documents).toEqual([order]);
    const menu = await till.sync.pull.query({ collection: 'menu', checkpoint: null, limit: 1000 });
    expect(menu.documents.length).toBe(server.demo.menuCount);
  });
});
