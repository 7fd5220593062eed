import { bench, describe } from 'vitest';
import { bigOrder } from '../testing/bench-data';
import { routeKitchen } from './routing';

const order = bigOrder(50);
const meta = { at: 1, by: 'bench' };

describe('kitchen routing of a 50-line order', () => {
  bench('baseline: plain-loop grouping of lines by station', () => {
    const byStation = new Map<string, string[]>();
    for (const l of order.lines) {
      if (l.stationId === null) continue;
      const list = byStation.get(l.stationId);
      if (list) list.push(l.name);
      else byStation.set(l.stationId, [l.name]);
    }
    if (byStation.size === 0) throw new Error('unexpected');
  });

  bench('routeKitchen (first send: courses, held lines, fired state)', () => {
    if (routeKitchen(order, { kind: 'send', releasedCourses: [1] }, meta).tickets.length === 0) {
      throw new Error('unexpected');
    }
  });
});
