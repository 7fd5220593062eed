import { describe, expect, it } from 'vitest';
import {
  branchDocSchema,
  screenOnlyStations,
  stationOutput,
  stationParallelism,
  withStationSetting,
} from '../branch/schemas';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { fireCourse, printRequestTargets, requestReprint, sendToKitchen, voidLine } from './index';

describe('station output per branch (print, screen, both)', () => {
  const settings = branchDocSchema.shape.stationSettings;

  it('defaults to print and one ticket at a time; one setting per station, bounded', () => {
    const branch = {
      stationSettings: settings.parse([
        { stationId: 'grill', output: 'screen' },
        { stationId: 'bar' },
      ]),
    };
    expect(stationOutput(branch, 'grill')).toBe('screen');
    expect(stationOutput(branch, 'bar')).toBe('print');
    expect(stationOutput(branch, 'pastry')).toBe('print');
    expect(stationParallelism(branch, 'grill')).toBe(1);
    expect(screenOnlyStations(branch)).toEqual(['grill']);
    expect(
      settings.safeParse([{ stationId: 'a' }, { stationId: 'a', output: 'both' }]).error?.issues[0]
        ?.message,
    ).toBe('each station can have one setting only');
    expect(settings.safeParse([{ stationId: 'a', output: 'fax' }]).success).toBe(false);
    expect(settings.safeParse([{ stationId: 'a', parallelism: 0 }]).success).toBe(false);
    expect(settings.safeParse([{ stationId: 'a', parallelism: 21 }]).success).toBe(false);
    const both = { stationId: 'grill', output: 'both', parallelism: 3 } as const;
    expect(withStationSetting(branch.stationSettings, both)).toEqual([
      both,
      branch.stationSettings[1],
    ]);
    expect(withStationSetting([], both)).toEqual([both]);
  });

  it('a screen-only station gets its tickets recorded but no print job; print and both print', () => {
    const t = testContext();
    const ctx = () => ({ ...t.ctx, screenOnlyStations: ['grill'] });
    let o = add(
      newOrder(t.ctx, { type: 'takeaway', table: null, covers: null }),
      'entrecote',
      ctx(),
      { selection: STEAK },
    );
    o = add(o, 'espresso', ctx());
    o = sendToKitchen(o, ctx());
    const send = o.printRequests.at(-1)!;
    expect(send.tickets.map((k) => k.stationId).sort()).toEqual(['bar', 'grill']);
    expect(send.screenOnly).toEqual(['grill']);
    expect(printRequestTargets(send)).toEqual(['bar']);

    // A void follows the same setting; a reprint is someone asking for paper, so it prints.
    const grillLine = o.lines.find((l) => l.stationId === 'grill')!;
    o = voidLine(o, { lineId: grillLine.id, quantity: 1, reason: 'x', approvedBy: 'm' }, ctx());
    expect(printRequestTargets(o.printRequests.at(-1)!)).toEqual([]);
    o = requestReprint(o, send.id, ctx());
    expect(printRequestTargets(o.printRequests.at(-1)!).sort()).toEqual(['bar', 'grill']);
  });

  it('the setting is a snapshot: a request made while printing keeps printing after a switch to screen', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'entrecote', t.ctx, { selection: STEAK, course: 2 });
    o = add(o, 'espresso', t.ctx);
    o = sendToKitchen(o, t.ctx);
    const before = o.printRequests.at(-1)!;
    o = fireCourse(o, 2, { ...t.ctx, screenOnlyStations: ['grill', 'bar'] });
    expect(printRequestTargets(before)).toEqual(['grill', 'bar']); // the held course is announced
    expect(printRequestTargets(o.printRequests.at(-1)!)).toEqual([]);
  });
});
