import type { DeviceCredential } from '@comanda/sync-server/testing';
import type { SyncCollectionName } from '@comanda/core/sync';
import { DeviceTokenSource } from '../../src/renderer/sync/device-auth.js';
import { createPublicSyncClient, createSyncClient, type WireDoc } from '../../src/renderer/sync/sync-client.js';

const PAGE = 200;

export type ObserverTokens = () => Promise<string>;

/**
 * One observer's access tokens, reused until they expire: a test that polls a server must not ask
 * for a token per read (the server limits token requests per device, as it should).
 */
export function observerTokens(credential: DeviceCredential, tokensFrom: string): ObserverTokens {
  const source = new DeviceTokenSource(createPublicSyncClient(tokensFrom), credential);
  return () => source.get();
}

/**
 * Every document of `collection` that the server at `url` holds for the credential's branch, page
 * after page, as an observer device reads it. Tokens come from `tokensFrom` (a hub forwards the
 * exchange to the central server, so pass the central server's URL while the hub may be alone).
 */
export async function pullAll(
  url: string,
  credential: DeviceCredential | ObserverTokens,
  collection: SyncCollectionName,
  tokensFrom = url,
): Promise<WireDoc[]> {
  const tokens = typeof credential === 'function' ? credential : observerTokens(credential, tokensFrom);
  const client = createSyncClient(url, tokens);
  const all: WireDoc[] = [];
  let checkpoint = null;
  for (;;) {
    const page = await client.pull(collection, checkpoint, PAGE);
    all.push(...page.documents);
    if (page.documents.length < PAGE) return all;
    checkpoint = page.checkpoint;
  }
}
