// The servers of `bench/branch-latency.ts`, in a process of their own so that the tills' event
// loop is not shared with two PGlite databases: a central server (demo org) and a branch hub
// paired to its first branch, with N tills paired. Prints one JSON line, then serves until its
// stdin closes (or `stop-hub` on stdin stops the hub).
import { createPairingCode, pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { createInterface } from 'node:readline';

const tills = Number(process.argv[2] ?? 4);
const central = await startTestServer();
let hub: TestServer | null = null;
const branchId = central.demo.branchIds[0]!;
const credentials = [];
for (let i = 0; i < tills; i++) credentials.push(await pairTill(central.server, central.demo.orgId, branchId, `Till ${i + 1}`));
const { code } = await createPairingCode(central.server, central.demo.orgId, branchId);
hub = await startTestServer({ demo: false, hub: { upstream: central.url, pairingCode: code, deviceName: 'Bench hub' } });
await hub.server.services.branchHub!.syncNow(); // the hub learns the branch's tills
console.log(JSON.stringify({ centralUrl: central.url, hubUrl: hub.url, branchId, credentials }));

const input = createInterface({ input: process.stdin });
input.on('line', (command) => {
  if (command.trim() === 'stop-hub') void hub?.close().then(() => console.log(JSON.stringify({ hubStopped: true })));
});
input.on('close', () => {
  void (async () => {
    await hub?.close();
    await central.close();
    process.exit(0);
  })();
});
