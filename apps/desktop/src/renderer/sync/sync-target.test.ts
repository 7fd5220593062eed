import { describe, expect, it } from 'vitest';
import { chooseSyncTarget, describeSyncRoute } from './sync-target.js';

const hub = 'http://192.168.1.20:4455';
const server = 'https://sync.example.com';
const urls = { hubUrl: hub, serverUrl: server };

describe('chooseSyncTarget (failover order: hub, central server, stay)', () => {
  it('starts with the hub, before any probe has answered', () => {
    expect(chooseSyncTarget(urls, { hub: null, server: null }, null)).toBe(hub);
  });

  it('prefers the hub whenever it answers, even with the internet up', () => {
    expect(chooseSyncTarget(urls, { hub: true, server: true }, server)).toBe(hub);
    expect(chooseSyncTarget(urls, { hub: true, server: false }, server)).toBe(hub);
  });

  it('fails over to the central server when the hub is down, and back when it returns', () => {
    expect(chooseSyncTarget(urls, { hub: false, server: true }, hub)).toBe(server);
    expect(chooseSyncTarget(urls, { hub: true, server: true }, server)).toBe(hub);
  });

  it('stays where it is when neither answers (the till sells alone meanwhile)', () => {
    expect(chooseSyncTarget(urls, { hub: false, server: false }, server)).toBe(server);
    expect(chooseSyncTarget(urls, { hub: false, server: false }, hub)).toBe(hub);
  });

  it('is the central server alone without a hub', () => {
    const central = { hubUrl: null, serverUrl: server };
    expect(chooseSyncTarget(central, { hub: null, server: null }, null)).toBe(server);
    expect(chooseSyncTarget(central, { hub: null, server: false }, server)).toBe(server);
  });
});

describe('describeSyncRoute (what the sync settings show)', () => {
  it('is "hub" or "server" only while the chosen target answers', () => {
    expect(describeSyncRoute(urls, { hub: true, server: false }, hub)).toEqual({ hubUrl: hub, via: 'hub' });
    expect(describeSyncRoute(urls, { hub: false, server: true }, server)).toEqual({ hubUrl: hub, via: 'server' });
    expect(describeSyncRoute(urls, { hub: false, server: false }, hub).via).toBe('none');
    expect(describeSyncRoute(urls, { hub: null, server: null }, hub).via).toBe('none');
  });

  it('says "server" without a hub, even if the server shares the hub’s URL by mistake', () => {
    expect(describeSyncRoute({ hubUrl: null, serverUrl: server }, { hub: null, server: true }, server)).toEqual({ hubUrl: null, via: 'server' });
  });
});
