import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../admin';
import { JWKS_PATH } from '../server';
import { createClient, httpStatusOf } from '../testing/client';
import { pairTill, startTestServer, type TestServer } from '../testing/index';
import { deviceKeysFromDatabase, jwksSchema } from './device-keys';

describe('device-token keys on a running server (PGlite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function tillToken(): Promise<string> {
    const { orgId, branchIds } = server.demo;
    const cred = await pairTill(server.server, orgId, branchIds[0]!);
    const { deviceId, deviceSecret } = cred;
    return (await createClient(server.trpcUrl).auth.deviceToken.mutate({ deviceId, deviceSecret }))
      .accessToken;
  }
  const pull = (token: string) =>
    createClient(server.trpcUrl, () => token).sync.pull.query({
      collection: 'menu',
      checkpoint: null,
      limit: 1,
    });

  it('publishes the public keys (no private member) with cache headers', async () => {
    const response = await fetch(`${server.url}${JWKS_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const jwks = jwksSchema.parse(await response.json());
    expect(jwks.keys).toHaveLength(1);
    const token = await tillToken();
    expect(jwt.decode(token, { complete: true })?.header).toMatchObject({
      alg: 'ES256',
      kid: jwks.keys[0]!.kid,
    });
  });

  it('rotates: a new key signs after a reload, the old one verifies until it is retired', async () => {
    const services = server.server.services;
    const before = await tillToken();
    const { kid } = (await runAdminCommand(services, 'keys.rotate', {})) as { kid: string };
    // Another instance (or this one) sees the new kid on a token and reloads to verify it.
    expect(await services.deviceKeys.reload()).toBe(true);
    const after = await tillToken();
    expect(jwt.decode(after, { complete: true })?.header.kid).toBe(kid);
    await expect(pull(before)).resolves.toBeDefined();
    await expect(pull(after)).resolves.toBeDefined();
    const published = jwksSchema.parse(await (await fetch(`${server.url}${JWKS_PATH}`)).json());
    expect(published.keys.map((k) => k.kid)).toContain(kid);

    const oldKid = jwt.decode(before, { complete: true })?.header.kid as string;
    await runAdminCommand(services, 'keys.retire', { kid: oldKid });
    await expect(runAdminCommand(services, 'keys.retire', { kid })).rejects.toThrow(
      /before retiring the last one/,
    );
    // Reloads are rate-limited (one per 30 s); a retired key stops verifying at the next one.
    services.deviceKeys.set(await deviceKeysFromDatabase(services.db.pool, new Date()));
    const refused = await pull(before).catch((error: unknown) => error);
    expect(httpStatusOf(refused)).toBe(401);
    await expect(pull(after)).resolves.toBeDefined();
  });
});
