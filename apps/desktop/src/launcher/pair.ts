import type { HostService } from '../host/contract.js';
import { redeemPairingCode } from '../renderer/sync/sync-client.js';

/** Redeems a pairing code and stores the device credential in the host's settings. */
export async function pairTillWithServer(service: HostService, serverUrl: string, code: string, tillName: string): Promise<void> {
  await service['settings.update'](await redeemPairingCode(serverUrl, code, tillName));
}
