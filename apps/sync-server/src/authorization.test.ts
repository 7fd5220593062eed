import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken, AUDIENCE, ISSUER } from './auth/jwt';
import { createUser } from './auth/users';
import { appRouter } from './router';
import { createClient } from './testing/client';
import { pairTill, seedAnotherOrg, startTestServer, type TestServer } from './testing/index';
import { procedureCatalogue, rawCall, type Access, type ProcedureCase } from './testing/procedures';

type Caller =
  | 'none'
  | 'expired'
  | 'algNone'
  | 'wrongKey'
  | 'unknownKid'
  | 'revokedDevice'
  | ForgedLifetime
  | 'device'
  | 'otherOrgDevice'
  | 'manager'
  | 'otherOrgOwner'
  | 'owner';

/** Tokens signed with the server's real key whose lifetime claims are missing or too long. */
const forgedLifetimes = [
  'ownerNoExp',
  'ownerNoIat',
  'ownerTenYears',
  'deviceNoExp',
  'deviceNoIat',
  'deviceTenYears',
] as const;
type ForgedLifetime = (typeof forgedLifetimes)[number];

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The status each caller must get for a procedure of each access level (public ones are not checked here). */
function expected(access: Exclude<Access, 'public'>, caller: Caller): 'ok' | 401 | 403 {
  if (
    ['none', 'expired', 'algNone', 'wrongKey', 'unknownKid', 'revokedDevice'].includes(caller) ||
    (forgedLifetimes as readonly string[]).includes(caller)
  )
    return 401;
  // No caller of the matrix is a hub; a hub's own token is tested in hub/branch-hub.test.ts.
  if (access === 'hub') return 403;
  const device = caller === 'device' || caller === 'otherOrgDevice';
  if (access === 'device') return device ? 'ok' : 403;
  if (device) return 403;
  if (access === 'owner' && caller === 'manager') return 403;
  return 'ok';
}

describe('authorization matrix over every procedure', () => {
  let server: TestServer;
  const tokens = {} as Record<Caller, string | undefined>;
  let catalogue: ProcedureCase[];
  let lyonOnly: ProcedureCase[];

  beforeAll(async () => {
    server = await startTestServer();
    const { orgId, branchIds } = server.demo;
    const [paris = '', lyon = ''] = branchIds;
    const services = server.server.services;
    const anon = createClient(server.trpcUrl);
    const signIn = async (email: string, password: string) =>
      (await anon.auth.signIn.mutate({ email, password })).accessToken;
    const deviceToken = async (o: string, b: string) => {
      const cred = await pairTill(server.server, o, b);
      return {
        cred,
        token: (
          await anon.auth.deviceToken.mutate({
            deviceId: cred.deviceId,
            deviceSecret: cred.deviceSecret,
          })
        ).accessToken,
      };
    };
    tokens.owner = await signIn(server.demo.owner.email, server.demo.owner.password);
    await createUser(services.db.pool, {
      orgId,
      email: 'manager@lacoste.example',
      name: 'M',
      role: 'manager',
      branchIds: [paris],
      password: 'manager-pass-123',
    });
    tokens.manager = await signIn('manager@lacoste.example', 'manager-pass-123');
    const other = await seedAnotherOrg(server.server, 'org_other', 'owner@other.example');
    tokens.otherOrgOwner = await signIn(other.owner.email, other.owner.password);
    tokens.otherOrgDevice = (await deviceToken('org_other', other.branchIds[0]!)).token;
    const device = await deviceToken(orgId, paris);
    tokens.device = device.token;
    const revoked = await deviceToken(orgId, paris);
    tokens.revokedDevice = revoked.token;
    await services.db.pool.query('UPDATE devices SET revoked_at = now() WHERE id = $1', [
      revoked.cred.deviceId,
    ]);

    const past = new Date(Date.now() - 3600_000);
    tokens.expired = signAccessToken(
      { hmac: services.keyring },
      { typ: 'user', sub: 'x', org: orgId, role: 'owner', branches: [] },
      past,
    ).token;
    const claims = {
      typ: 'user',
      sub: 'x',
      org: orgId,
      role: 'owner',
      branches: [],
      iss: ISSUER,
      aud: AUDIENCE,
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    tokens.algNone = `${b64({ alg: 'none', typ: 'JWT', kid: services.keyring.activeKid })}.${b64(claims)}.`;
    tokens.wrongKey = jwt.sign(claims, 'x'.repeat(48), {
      algorithm: 'HS256',
      keyid: services.keyring.activeKid,
    });
    tokens.unknownKid = jwt.sign(claims, 'x'.repeat(48), { algorithm: 'HS256', keyid: 'nobody' });
    tokens.none = undefined;
    const key = services.keyring.keys.get(services.keyring.activeKid)!;
    const nowSeconds = Math.floor(Date.now() / 1000);
    const forge = (principal: object, lifetime: { iat?: number; exp?: number }) =>
      jwt.sign({ ...principal, iss: ISSUER, aud: AUDIENCE, ...lifetime }, key, {
        algorithm: 'HS256',
        keyid: services.keyring.activeKid,
        noTimestamp: true,
      });
    const ownerClaims = { typ: 'user', sub: 'x', org: orgId, role: 'owner', branches: [] };
    const deviceClaims = { typ: 'device', sub: device.cred.deviceId, org: orgId, branch: paris };
    const tenYears = { iat: nowSeconds, exp: nowSeconds + 10 * 365 * 86_400 };
    tokens.ownerNoExp = forge(ownerClaims, { iat: nowSeconds });
    tokens.ownerNoIat = forge(ownerClaims, { exp: nowSeconds + 600 });
    tokens.ownerTenYears = forge(ownerClaims, tenYears);
    tokens.deviceNoExp = forge(deviceClaims, { iat: nowSeconds });
    tokens.deviceNoIat = forge(deviceClaims, { exp: nowSeconds + 600 });
    tokens.deviceTenYears = forge(deviceClaims, tenYears);

    // The owner renames and deactivates this one, not the manager whose token the matrix uses.
    const userId = await createUser(services.db.pool, {
      orgId,
      email: 'spare-manager@lacoste.example',
      name: 'Spare',
      role: 'manager',
      branchIds: [lyon],
      password: 'manager-pass-456',
    });
    catalogue = procedureCatalogue({ branchId: paris, deviceId: device.cred.deviceId, userId });
    // Manager of Paris reaching into Lyon.
    lyonOnly = procedureCatalogue({
      branchId: lyon,
      deviceId: device.cred.deviceId,
      userId,
    }).filter((c) => c.path === 'owner.overrides.list' || c.path === 'owner.syncHealth');
    lyonOnly = lyonOnly.map((c) =>
      c.path === 'owner.syncHealth' ? { ...c, input: { branchId: lyon } } : c,
    );
  });
  afterAll(() => server?.close());

  it('the catalogue lists every procedure of the router', () => {
    const paths = Object.keys(appRouter._def.procedures).sort();
    expect(
      procedureCatalogue({ branchId: 'b', deviceId: 'd', userId: 'u' })
        .map((c) => c.path)
        .sort(),
    ).toEqual(paths);
  });

  const callers: Caller[] = [
    'none',
    'expired',
    'algNone',
    'wrongKey',
    'unknownKid',
    'revokedDevice',
    ...forgedLifetimes,
    'device',
    'otherOrgDevice',
    'manager',
    'otherOrgOwner',
    'owner',
  ];
  it.each(callers)('caller %s gets exactly the access its role allows', async (caller) => {
    const outcomes: string[] = [];
    for (const c of catalogue) {
      if (c.access === 'public') continue;
      // Revoking the only test device would break the other rows: done last, separately.
      if (c.path === 'owner.devices.revoke' && expected(c.access, caller) === 'ok') continue;
      const want = expected(c.access, caller);
      const { status, body } = await rawCall(server.trpcUrl, c, c.input, tokens[caller]);
      const got = status < 300 ? 'ok' : status;
      // A permitted call may still fail on its data (e.g. a branch id of another org): never with 401.
      const acceptable =
        want === 'ok' ? got === 'ok' || (caller === 'otherOrgOwner' && got === 403) : got === want;
      if (!acceptable)
        outcomes.push(
          `${c.path}: wanted ${want}, got ${got} ${JSON.stringify(body).slice(0, 200)}`,
        );
      if (got !== 'ok') expect(typeof body.error?.message).toBe('string');
    }
    expect(outcomes).toEqual([]);
  });

  it('owners of another org cannot touch this org: branch-scoped calls are 403, lists are empty of our data', async () => {
    const token = tokens.otherOrgOwner;
    for (const c of catalogue.filter((x) =>
      ['owner.devices.createPairingCode', 'owner.devices.revoke'].includes(x.path),
    )) {
      const input =
        c.path === 'owner.devices.createPairingCode'
          ? { branchId: 'no-such-branch-in-other-org' }
          : c.input;
      expect((await rawCall(server.trpcUrl, c, input, token)).status).toBe(403);
    }
    const devices = await rawCall(
      server.trpcUrl,
      { path: 'owner.devices.list', type: 'query' },
      {},
      token,
    );
    const ours = await rawCall(
      server.trpcUrl,
      { path: 'owner.devices.list', type: 'query' },
      {},
      tokens.owner,
    );
    const ids = (r: typeof devices) =>
      ((r.body.result as { data: { id: string }[] }).data ?? []).map((d) => d.id);
    expect(ids(ours).length).toBeGreaterThan(0);
    expect(ids(devices).some((id) => ids(ours).includes(id))).toBe(false);
  });

  it('a manager is refused other branches', async () => {
    for (const c of lyonOnly)
      expect((await rawCall(server.trpcUrl, c, c.input, tokens.manager)).status).toBe(403);
  });

  it('an owner can revoke a device and its token is refused right after', async () => {
    const revoke = catalogue.find((c) => c.path === 'owner.devices.revoke')!;
    expect((await rawCall(server.trpcUrl, revoke, revoke.input, tokens.manager)).status).toBe(403);
    expect((await rawCall(server.trpcUrl, revoke, revoke.input, tokens.owner)).status).toBe(200);
    const pull = catalogue.find((c) => c.path === 'sync.pull')!;
    expect((await rawCall(server.trpcUrl, pull, pull.input, tokens.device)).status).toBe(401);
  });
});
