import { tillCode } from '@comanda/core/orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../testing/client';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';

describe.each(ENGINES)('till codes at pairing on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOnEngine(engine);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gives each till of a branch the next code, and never the same one, even pairing at once', async () => {
    const { orgId, branchIds } = server.demo;
    const [paris = '', lyon = ''] = branchIds;
    const first = await pairTill(server.server, orgId, paris, 'first');
    const second = await pairTill(server.server, orgId, paris, 'second');
    const index = (code: string) =>
      Array.from({ length: 702 }, (_, i) => tillCode(i)).indexOf(code);
    expect(index(second.tillCode)).toBe(index(first.tillCode) + 1);

    const together = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pairTill(server.server, orgId, paris, `rush ${i}`)),
    );
    const parisCodes = [first, second, ...together].map((c) => c.tillCode);
    expect(new Set(parisCodes).size).toBe(parisCodes.length);
    for (const code of parisCodes) expect(code).toMatch(/^[A-Z]{1,2}$/);

    // Another branch counts its own tills.
    const lyonTill = await pairTill(server.server, orgId, lyon, 'lyon');
    expect(index(lyonTill.tillCode)).toBeLessThan(index(first.tillCode) + 1);
  });

  it('tells a till its code with every device token (a till paired before codes learns it)', async () => {
    const { orgId, branchIds } = server.demo;
    const paired = await pairTill(server.server, orgId, branchIds[0]!, 'token');
    const issued = await createClient(server.trpcUrl).auth.deviceToken.mutate({
      deviceId: paired.deviceId,
      deviceSecret: paired.deviceSecret,
    });
    expect(issued.tillCode).toBe(paired.tillCode);
  });
});
