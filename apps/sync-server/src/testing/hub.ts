import { createPairingCode, startTestServer, type TestServer } from './index';

/** Longer than any test: no safety-net round and no resync poll unless a test asks for one. */
export const NEVER = 3_600_000;

/**
 * A central server (demo org) and a branch hub of its first branch, in-process, both on PGlite,
 * with every timer at {@link NEVER}: what reaches a till got there because something said so.
 * `hubNow` is the hub's clock (the central server's is real).
 */
export async function startCentralAndHub(hubNow?: () => Date): Promise<{
  central: TestServer;
  hub: TestServer;
  orgId: string;
  branchId: string;
}> {
  const central = await startTestServer({ streamPollMs: NEVER });
  const orgId = central.demo.orgId;
  const branchId = central.demo.branchIds[0]!;
  const { code } = await createPairingCode(central.server, orgId, branchId);
  const hub = await startTestServer({
    demo: false,
    streamPollMs: NEVER,
    ...(hubNow ? { now: hubNow } : {}),
    hub: { upstream: central.url, pairingCode: code, deviceName: 'Hub', intervalMs: NEVER },
  });
  return { central, hub, orgId, branchId };
}
