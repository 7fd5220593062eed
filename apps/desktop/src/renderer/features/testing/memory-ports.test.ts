import { describe, expect, it } from 'vitest';
import { PortError } from '../../till-ports';
import { createDemoPorts } from './demo-ports';

describe('memory ports', () => {
  it('emits the current value first, then changes, and rejects stale writes with a conflict', async () => {
    const ports = await createDemoPorts();
    const seen: (number | null)[] = [];
    ports.orders.subscribe('o1', (o) => seen.push(o ? o.updatedAt : null));
    const menu = await ports.menu.load();
    expect(menu.menuDocs.length).toBeGreaterThan(40);
    const staff = await ports.staff.list();
    expect(staff.map((s) => s.role)).toContain('manager');
    expect(seen).toEqual([null]);
    await expect(ports.audit.append({} as never)).resolves.toBeUndefined();
    ports.failNextWrites(1);
    await expect(ports.audit.append({} as never)).rejects.toBeInstanceOf(PortError);
  });
});
