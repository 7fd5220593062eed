import { describe, expect, it } from 'vitest';
import { DeviceTokenSource } from './device-auth.js';
import type { SyncClient } from './sync-client.js';

function clientIssuing(tillCode: string | undefined) {
  let exchanges = 0;
  const client = {
    deviceToken: () => {
      exchanges += 1;
      return Promise.resolve({ accessToken: `token-${exchanges}`, expiresAt: 10_000_000, tillCode });
    },
  } as unknown as SyncClient;
  return { client, exchanges: () => exchanges };
}

describe('DeviceTokenSource', () => {
  it('passes on the till code the server sends with a token, once per exchange', async () => {
    const { client, exchanges } = clientIssuing('B');
    const codes: string[] = [];
    const tokens = new DeviceTokenSource(client, { deviceId: 'd', deviceSecret: 's' }, () => 0, (c) => codes.push(c));
    expect(await Promise.all([tokens.get(), tokens.get()])).toEqual(['token-1', 'token-1']);
    expect(exchanges()).toBe(1);
    expect(codes).toEqual(['B']);
    tokens.invalidate();
    expect(await tokens.get()).toBe('token-2');
    expect(codes).toEqual(['B', 'B']);
  });

  it('says nothing when an older server sends no code', async () => {
    const codes: string[] = [];
    const tokens = new DeviceTokenSource(clientIssuing(undefined).client, { deviceId: 'd', deviceSecret: 's' }, () => 0, (c) => codes.push(c));
    await tokens.get();
    expect(codes).toEqual([]);
  });
});
