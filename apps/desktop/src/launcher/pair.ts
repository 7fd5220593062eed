import type { HostService } from '../host/contract.js';
import { createPublicSyncClient } from '../renderer/sync/sync-client.js';

/** Redeems a pairing code and stores the device credential in the host's settings. */
export async function pairTillWithServer(service: HostService, serverUrl: string, code: string, tillName: string): Promise<void> {
  const credential = await createPublicSyncClient(serverUrl).pair(code, tillName);
  await service['settings.update']({
    serverUrl,
    tillName,
    deviceId: credential.deviceId,
    deviceSecret: credential.deviceSecret,
    orgId: credential.orgId,
    branchId: credential.branchId,
  });
}
