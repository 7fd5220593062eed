import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, type Client } from '../testing/client';
import { closedShiftDoc } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';

describe.each(ENGINES)('shift close approvals on push (%s)', (engine) => {
  let server: TestServer;
  let paris: string;
  let till: Client;
  let manager: string;
  let cashier: string;
  let n = 0;
  const newId = () =>
    `0197${String(++n).padStart(4, '0')}-0000-7000-8000-${engine.slice(0, 1)}00000000000`;

  /** A shift closed `short` minor units short (€99.50 by default), approved by `approvedBy`. */
  const shortShift = (approvedBy: string | null, short = 9_950) => {
    const doc = closedShiftDoc(newId(), paris);
    const countedCash = doc.close.expectedCash - short;
    return { ...doc, close: { ...doc.close, countedCash, overShort: -short, approvedBy } };
  };
  const push = (doc: ReturnType<typeof shortShift>) =>
    till.sync.push
      .mutate({ collection: 'shifts', rows: [{ assumedMasterState: null, newDocumentState: doc }] })
      .then(
        () => ({ status: 200, message: '' }),
        (error: unknown) => ({ status: httpStatusOf(error), message: String(error) }),
      );

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = ''] = server.demo.branchIds;
    till = (
      await deviceClient(server.trpcUrl, await pairTill(server.server, server.demo.orgId, paris))
    ).client;
    const staff = server.demo.staff;
    manager = staff.find((s) => s.role === 'manager' && s.branchIds.includes(paris))!.id;
    cashier = staff.find((s) => s.role === 'cashier' && s.branchIds.includes(paris))!.id;
  });
  afterAll(() => server?.close());

  it('a close approved by a manager of the branch is stored', async () => {
    expect(await push(shortShift(manager))).toEqual({ status: 200, message: '' });
  });

  it('a close approved by a cashier or an unknown id is 422, naming the close', async () => {
    for (const who of [cashier, 'staff-nobody']) {
      const result = await push(shortShift(who));
      expect(result.status).toBe(422);
      expect(result.message).toMatch(
        /rows\.0\.newDocumentState: .*close is approved by .* not an active manager/,
      );
    }
  });

  it('a close beyond the branch limit (default €5.00) without an approval is 422, naming the amounts', async () => {
    const result = await push(shortShift(null, 501));
    expect(result.status).toBe(422);
    expect(result.message).toMatch(
      /rows\.0\.newDocumentState: close: counted cash is short by more than the limit; a manager must approve \(over\/short -501, branch limit 500 minor units\)/,
    );
  });

  it('a close within the limit needs no approval', async () => {
    expect(await push(shortShift(null, 500))).toEqual({ status: 200, message: '' });
  });

  it('an over/short that is not counted − expected is 422 (a till cannot report 0 for a short drawer)', async () => {
    const doc = shortShift(null, 9_950);
    const result = await push({ ...doc, close: { ...doc.close, overShort: 0 } });
    expect(result.status).toBe(422);
    expect(result.message).toMatch(/close\.overShort is 0 but counted − expected is -9950/);
  });
});
