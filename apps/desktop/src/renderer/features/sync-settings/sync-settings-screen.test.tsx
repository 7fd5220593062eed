// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffMember, SyncRoute } from '../../till-ports';
import { createDemoPorts } from '../testing/demo-ports';
import type { MemoryPorts } from '../testing/memory-ports';
import { renderInTill } from '../testing/render-till';
import { readHubUrl } from './hub-url-form';
import { SyncSettingsScreen } from './sync-settings-screen';

afterEach(cleanup);

async function setup(role: StaffMember['role'] = 'manager', locale: 'en' | 'fr' = 'en'): Promise<MemoryPorts> {
  const ports = await createDemoPorts();
  const user = (await ports.staff.list()).find((s) => s.role === role)!;
  await renderInTill(ports, user, <SyncSettingsScreen />, locale);
  return ports;
}

/** Clicks and lets the port's write settle (it resolves in a later microtask). */
async function click(element: HTMLElement): Promise<void> {
  fireEvent.click(element);
  await new Promise((r) => setTimeout(r, 0));
}

function routes(ports: MemoryPorts): SyncRoute[] {
  const seen: SyncRoute[] = [];
  ports.sync.subscribeRoute((r) => seen.push(r));
  return seen;
}

const field = () => screen.getByLabelText<HTMLInputElement>('Branch hub URL');

describe('readHubUrl', () => {
  it('takes an http(s) URL, drops trailing slashes, reads blank as no hub', () => {
    expect(readHubUrl(' http://192.168.1.20:4455/ ')).toEqual({ ok: true, hubUrl: 'http://192.168.1.20:4455' });
    expect(readHubUrl('https://hub.local')).toEqual({ ok: true, hubUrl: 'https://hub.local' });
    expect(readHubUrl('   ')).toEqual({ ok: true, hubUrl: null });
  });

  it('refuses what is not an http(s) URL, and URLs past 2048 characters', () => {
    for (const bad of ['192.168.1.20:4455', 'ftp://hub.local', 'javascript:alert(1)', 'hub', `http://h.local/${'a'.repeat(2040)}`])
      expect(readHubUrl(bad), bad).toMatchObject({ ok: false, key: 'syncSettings.hubInvalid' });
  });
});

describe('SyncSettingsScreen', () => {
  it('saves the hub URL, applies it at once and shows the till syncing through the hub', async () => {
    const ports = await setup();
    const seen = routes(ports);
    expect(screen.getByTestId('sync-route').textContent).toBe('Syncing with the server directly');
    fireEvent.change(field(), { target: { value: 'http://192.168.1.20:4455/' } });
    await act(() => click(screen.getByRole('button', { name: 'Save' })));
    expect(seen.at(-1)).toEqual({ hubUrl: 'http://192.168.1.20:4455', via: 'hub' });
    expect(field().value).toBe('http://192.168.1.20:4455');
    expect(screen.getByText(/Hub address saved/)).toBeTruthy();
    expect(screen.getByTestId('sync-route').textContent).toBe('Syncing through the hub');

    // The hub stops answering and neither does the server: the screen says so.
    act(() => ports.setRoute({ via: 'none' }));
    expect(screen.getByTestId('sync-route').textContent).toMatch(/^Not syncing/);

    // Removing it goes back to the server.
    await act(() => click(screen.getByRole('button', { name: 'Remove hub' })));
    expect(seen.at(-1)).toEqual({ hubUrl: null, via: 'server' });
    expect(field().value).toBe('');
    expect(screen.getByText(/Hub removed/)).toBeTruthy();
  });

  it('names the mistake next to the field and changes nothing', async () => {
    const ports = await setup();
    const seen = routes(ports);
    fireEvent.change(field(), { target: { value: '192.168.1.20:4455' } });
    await act(() => click(screen.getByRole('button', { name: 'Save' })));
    expect(field().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/starting with http:\/\/ or https:\/\//);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.hubUrl).toBeNull();
  });

  it('says when the till could not save, and keeps what was typed', async () => {
    const ports = await setup();
    ports.failNextWrites(1);
    fireEvent.change(field(), { target: { value: 'http://hub.local:4455' } });
    await act(() => click(screen.getByRole('button', { name: 'Save' })));
    expect(screen.getByRole('alert').textContent).toMatch(/^The hub address could not be saved: /);
    expect(field().value).toBe('http://hub.local:4455');
  });

  it('is for managers only, in French too', async () => {
    await setup('cashier', 'fr');
    expect(screen.getByRole('heading', { name: 'Synchronisation' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Seul un responsable peut modifier la synchronisation de cette caisse.');
    expect(screen.queryByLabelText('Adresse du hub de l’établissement')).toBeNull();
  });
});
