import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchHostCall, HostInputError, hostMethods, type HostService } from './contract.js';
import { createHostService } from './service/host-service.js';

async function service(): Promise<HostService> {
  return createHostService({ dataDir: await mkdtemp(join(tmpdir(), 'comanda-host-')), host: 'node', version: '0.1.0-test', now: () => 1_700_000_000_000 });
}

describe('host contract', () => {
  it('names every method the service implements', async () => {
    const s = await service();
    expect(Object.keys(s).sort()).toEqual([...hostMethods].sort());
  });

  it('refuses unknown methods and prototype keys', async () => {
    const s = await service();
    await expect(dispatchHostCall(s, 'printers.delete', {})).rejects.toThrow(HostInputError);
    await expect(dispatchHostCall(s, 'toString', {})).rejects.toThrow(/Unknown host method/);
  });

  it('explains invalid payloads field by field', async () => {
    const s = await service();
    await expect(dispatchHostCall(s, 'settings.update', { serverUrl: 'ftp://x' })).rejects.toThrow(/serverUrl: Server URL must be an http\(s\) URL/);
    await expect(dispatchHostCall(s, 'printers.submit', { printerId: 'Kitchen 1', jobId: 'j', bytesBase64: 'AA==' })).rejects.toThrow(/printerId/);
    await expect(dispatchHostCall(s, 'logs.tail', { limit: 5, extra: true })).rejects.toThrow(/Unrecognized key/);
  });

  it('takes a transport kind per printer: a serial printer needs its device, a network printer its address', async () => {
    const s = await service();
    await expect(dispatchHostCall(s, 'printers.save', { printers: [{ id: 'till', name: 'Till', transport: 'serial' }] })).rejects.toThrow(/serialPath: Serial port is required/);
    await expect(dispatchHostCall(s, 'printers.save', { printers: [{ id: 'till', name: 'Till', transport: 'serial', serialPath: 'COM3' }] })).rejects.toThrow(/serialPath: Serial port: a device path/);
    await expect(dispatchHostCall(s, 'printers.save', { printers: [{ id: 'bar', name: 'Bar' }] })).rejects.toThrow(/host: Printer address is required/);
    await expect(dispatchHostCall(s, 'printers.save', { printers: [{ id: 'till', name: 'Till', transport: 'serial', serialPath: '/dev/ttyUSB0', baudRate: 12345 }] })).rejects.toThrow(/baudRate/);
    const saved = await dispatchHostCall(s, 'printers.save', { printers: [{ id: 'till', name: 'Till', transport: 'serial', serialPath: '/dev/ttyUSB0', baudRate: 19200 }] });
    expect(saved).toMatchObject([{ transport: 'serial', serialPath: '/dev/ttyUSB0', baudRate: 19200, host: '' }]);
    // The host reaches it through the printing package's serial transport: a missing device is "unreachable".
    const status = (await dispatchHostCall(s, 'printers.status', { printerId: 'till' })) as { reachable: boolean; error: string };
    expect(status).toMatchObject({ reachable: false });
    expect(status.error).toMatch(/cannot open \/dev\/ttyUSB0/);
  });

  it('applies defaults and persists settings across service instances', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'comanda-host-'));
    const a = createHostService({ dataDir, host: 'node', version: '1' });
    await dispatchHostCall(a, 'settings.update', { serverUrl: 'http://127.0.0.1:4000', tillName: 'Bar' });
    const saved = await dispatchHostCall(a, 'printers.save', { printers: [{ id: 'kitchen', name: 'Kitchen', host: '10.0.0.5' }] });
    expect(saved).toEqual([{ id: 'kitchen', name: 'Kitchen', host: '10.0.0.5', port: 9100, stations: [], paperWidth: 80 }]);
    const b = createHostService({ dataDir, host: 'node', version: '1' });
    expect(await dispatchHostCall(b, 'settings.get', {})).toMatchObject({ serverUrl: 'http://127.0.0.1:4000', tillName: 'Bar', deviceSecret: null });
    expect(await dispatchHostCall(b, 'printers.list', {})).toHaveLength(1);
  });

  it('serializes concurrent settings updates so none is lost', async () => {
    const s = await service();
    await Promise.all([
      dispatchHostCall(s, 'settings.update', { tillName: 'Front' }),
      dispatchHostCall(s, 'settings.update', { kiosk: true }),
      dispatchHostCall(s, 'settings.update', { branchId: 'b1' }),
    ]);
    expect(await dispatchHostCall(s, 'settings.get', {})).toMatchObject({ tillName: 'Front', kiosk: true, branchId: 'b1' });
  });

  it('changes only the fields a patch names: pairing or the till code never wipe the hub URL', async () => {
    const s = await service();
    await dispatchHostCall(s, 'settings.update', { hubUrl: 'http://192.168.1.20:4455' });
    // What pairing writes, then the till code the runtime fills in after its first token.
    await dispatchHostCall(s, 'settings.update', { serverUrl: 'http://127.0.0.1:4000', deviceId: 'd1', deviceSecret: 's', orgId: 'o', branchId: 'b1' });
    await dispatchHostCall(s, 'settings.update', { tillCode: 'G' });
    await dispatchHostCall(s, 'settings.update', { tillName: 'Front' });
    expect(await dispatchHostCall(s, 'settings.get', {})).toMatchObject({ hubUrl: 'http://192.168.1.20:4455', tillCode: 'G', tillName: 'Front' });
    await dispatchHostCall(s, 'settings.update', { hubUrl: null });
    expect(await dispatchHostCall(s, 'settings.get', {})).toMatchObject({ hubUrl: null, tillCode: 'G' });
  });

  it('validates the output too, so a host bug cannot reach the renderer', async () => {
    const broken = { ...(await service()), 'app.info': () => Promise.resolve({ name: 'Other' }) } as unknown as HostService;
    await expect(dispatchHostCall(broken, 'app.info', {})).rejects.toThrow();
  });
});
