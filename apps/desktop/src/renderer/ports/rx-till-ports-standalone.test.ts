import { orderDocSchema } from '@comanda/core';
import * as demoModule from '@comanda/core/demo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TillDatabase } from '../data/database.js';
import { DocumentRepository } from '../data/repository.js';
import { monotonicClock } from '../runtime/clock.js';
import type { TillRuntime } from '../runtime/runtime.js';
import { STANDALONE_BRANCH_ID } from '../runtime/standalone.js';
import type { MenuSnapshot } from '../till-ports/index.js';
import { createRxTillPorts } from './rx-till-ports.js';
import { openFakeTillDatabase } from './testing/rx-runtime.js';

vi.mock('@comanda/core/demo', async (original) => {
  const actual = await original<typeof demoModule>();
  return { ...actual, buildDemoSeed: vi.fn(actual.buildDemoSeed) };
});
const built = vi.mocked(demoModule.buildDemoSeed);

function standalonePorts(db: TillDatabase) {
  const runtime = {
    db,
    orders: new DocumentRepository(db.orders, orderDocSchema, 'order'),
    clock: monotonicClock(),
    tillId: 'till-1',
    settings: () => ({}),
    branchId: () => STANDALONE_BRANCH_ID,
    mode: () => 'standalone',
    printing: Promise.resolve(null),
  } as unknown as TillRuntime;
  return createRxTillPorts(runtime);
}

async function wholeMenu(db: TillDatabase): Promise<MenuSnapshot> {
  const ports = standalonePorts(db);
  const seen: MenuSnapshot[] = [];
  const stop = ports.menu.subscribe((s) => seen.push(s));
  await vi.waitFor(() => expect(seen.length > 0 && seen.at(-1)?.complete !== false).toBe(true));
  stop();
  return seen.at(-1)!;
}

let db: TillDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
  built.mockClear();
});

describe('standalone TillPorts: the demo menu is a fallback, built only when used', () => {
  it('a standalone till with its own branch and menu never builds the demo seed (start-up cost)', async () => {
    db = await openFakeTillDatabase('standalone-own');
    const seed = demoModule.buildDemoSeed(1);
    await db.branches.insert({ ...seed.branches[0]!, id: STANDALONE_BRANCH_ID, name: 'Own branch' });
    await db.menu.bulkInsert(seed.menu.slice(0, 10));
    built.mockClear();
    const snapshot = await wholeMenu(db);
    expect(snapshot.branch.name).toBe('Own branch');
    expect(snapshot.menuDocs).toHaveLength(10);
    expect(built).not.toHaveBeenCalled();
  });

  it('an empty standalone till sells from the demo menu, built once', async () => {
    db = await openFakeTillDatabase('standalone-empty');
    const snapshot = await wholeMenu(db);
    expect(snapshot.menuDocs.length).toBeGreaterThan(40);
    expect(built).toHaveBeenCalledTimes(1);
  });
});
