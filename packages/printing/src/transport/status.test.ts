import { describe, expect, it } from 'vitest';
import { statusByte, type PrinterCondition } from '../virtual-printer/status-bytes';
import { InvalidStatusByteError, isReady, parsePrinterStatus, statusProblem } from './status';

const ok: PrinterCondition = { offline: false, coverOpen: false, paperOut: false, paperNearEnd: false, error: false, drawerOpen: false };
const answers = (c: PrinterCondition): [number, number, number] => [statusByte(1, c), statusByte(2, c), statusByte(4, c)];

describe('DLE EOT status parsing', () => {
  it('reads the fixed bits of a ready Epson printer', () => {
    expect(parsePrinterStatus([0x12, 0x12, 0x12])).toEqual({ online: true, coverOpen: false, paperEnd: false, paperNearEnd: false, error: false, drawerOpen: false });
  });

  it.each([
    [{ coverOpen: true }, 'cover-open'],
    [{ paperOut: true }, 'paper-out'],
    [{ error: true }, 'error'],
    [{ offline: true }, 'offline'],
    [{ paperNearEnd: true }, null],
  ] as const)('condition %j is reported as %s', (fault, problem) => {
    const s = parsePrinterStatus(answers({ ...ok, ...fault }));
    expect(statusProblem(s)).toBe(problem);
    expect(isReady(s)).toBe(problem === null);
  });

  it('reports the drawer sensor', () => {
    expect(parsePrinterStatus(answers({ ...ok, drawerOpen: true })).drawerOpen).toBe(true);
  });

  it.each([0x00, 0xff, 0x13, 0x92])('rejects 0x%s, which is not a status byte', (b) => {
    expect(() => parsePrinterStatus([0x12, b, 0x12])).toThrow(InvalidStatusByteError);
  });
});
