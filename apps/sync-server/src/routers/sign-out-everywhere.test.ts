import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, httpStatusOf, ownerClient } from '../testing/client';
import { startTestServer, type TestServer } from '../testing/index';

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => httpStatusOf(e),
  );

describe('auth.signOutEverywhere', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ inMemory: true, authRateLimit: 1000 });
  });
  afterAll(() => server?.close());

  it('revokes every refresh token of the user: each other session fails at its next refresh', async () => {
    const { email, password } = server.demo.owner;
    const anon = createClient(server.trpcUrl);
    const laptop = await anon.auth.signIn.mutate({ email, password });
    const tablet = await anon.auth.signIn.mutate({ email, password });
    // The tablet has refreshed once: its current token is the rotated one.
    const tabletNow = await anon.auth.refresh.mutate({ refreshToken: tablet.refreshToken });
    const { client: phone } = await ownerClient(server.trpcUrl, email, password);
    await phone.auth.signOutEverywhere.mutate();
    for (const token of [laptop.refreshToken, tabletNow.refreshToken])
      expect(await status(anon.auth.refresh.mutate({ refreshToken: token }))).toBe(401);
    // Signing in again works, and the audit log says who did it.
    const again = await anon.auth.signIn.mutate({ email, password });
    expect(await status(anon.auth.refresh.mutate({ refreshToken: again.refreshToken }))).toBe(200);
    const { client: owner } = await ownerClient(server.trpcUrl, email, password);
    const audit = await owner.owner.audit.list.query({});
    expect(audit.find((a) => a.action === 'user.signedOutEverywhere')).toMatchObject({
      actorId: laptop.user.id,
    });
  });

  it('needs a signed-in user', async () => {
    expect(await status(createClient(server.trpcUrl).auth.signOutEverywhere.mutate())).toBe(401);
  });
});
