// The servers of the live-latency benches (`branch-latency.ts`, `kitchen-fire.ts`), each in a
// process of its own, as in a shop: the branch hub runs on a machine of the shop, the central
// server far away. Sharing one event loop, the central server's work delayed the hub's answers
// (and the benches' devices are in a third process). Prints one JSON line, then serves until its
// stdin closes.
//   central <tills> [kitchens]  the central server (demo org) with N tills paired to its first
//                               branch, a pairing code for the hub and one per kitchen screen
//                               (the screen pairs itself: its stations travel with the code)
//   hub <central url> <pairing code>      a branch hub paired with that code
import { createPairingCode, pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { createInterface } from 'node:readline';

const [role, ...args] = process.argv.slice(2);
let server: TestServer;
if (role === 'hub') {
  const [upstream, pairingCode] = args;
  server = await startTestServer({ demo: false, hub: { upstream: upstream!, pairingCode: pairingCode!, deviceName: 'Bench hub' } });
  await server.server.services.branchHub!.syncNow(); // the hub learns the branch's devices
  console.log(JSON.stringify({ hubUrl: server.url }));
} else {
  const [tills, kitchens] = args;
  server = await startTestServer();
  const branchId = server.demo.branchIds[0]!;
  const credentials = [];
  for (let i = 0; i < Number(tills ?? 4); i++) credentials.push(await pairTill(server.server, server.demo.orgId, branchId, `Till ${i + 1}`));
  const kitchenCodes = [];
  for (let i = 0; i < Number(kitchens ?? 0); i++) kitchenCodes.push((await createPairingCode(server.server, server.demo.orgId, branchId)).code);
  const { code } = await createPairingCode(server.server, server.demo.orgId, branchId);
  console.log(JSON.stringify({ centralUrl: server.url, orgId: server.demo.orgId, branchId, credentials, kitchenCodes, hubPairingCode: code }));
}

createInterface({ input: process.stdin }).on('close', () => {
  void server.close().then(() => process.exit(0));
});
