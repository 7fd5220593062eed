import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentType, resolveStaticFile } from './index';

describe('resolveStaticFile', () => {
  let parent: string;
  let root: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'comanda-static-files-'));
    root = join(parent, 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html>');
    await writeFile(join(root, 'assets', 'app-1a2b.js'), 'x');
    await mkdir(join(root, 'board'));
    await writeFile(join(root, 'board', 'index.html'), '<!doctype html><title>board</title>');
    await writeFile(join(parent, 'secret.txt'), 'no');
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  const page = { pageFallback: true };
  it('answers files under the root and index.html for /', async () => {
    expect(await resolveStaticFile(root, '/', page)).toBe(join(root, 'index.html'));
    expect(await resolveStaticFile(root, '/assets/app-1a2b.js?v=2', page)).toBe(
      join(root, 'assets', 'app-1a2b.js'),
    );
  });

  it('answers the page for a deep link, never for a missing asset or without fallback', async () => {
    expect(await resolveStaticFile(root, '/menu/items', page)).toBe(join(root, 'index.html'));
    expect(await resolveStaticFile(root, '/assets/gone.js', page)).toBeNull();
    expect(await resolveStaticFile(root, '/menu', { pageFallback: false })).toBeNull();
  });

  it('answers a folder’s own page (`/board`) before the app’s', async () => {
    expect(await resolveStaticFile(root, '/board', page)).toBe(join(root, 'board', 'index.html'));
    expect(await resolveStaticFile(root, '/board/', page)).toBe(join(root, 'board', 'index.html'));
    expect(await resolveStaticFile(root, '/assets', page)).toBe(join(root, 'index.html'));
    expect(await resolveStaticFile(root, '/board', { pageFallback: false })).toBeNull();
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/%00index.html',
    '/%E0%A4%A',
  ])('refuses %s', async (path) => {
    expect(await resolveStaticFile(root, path, { pageFallback: false })).toBeNull();
  });

  it('names content types, opaque bytes for the unknown', () => {
    expect(contentType('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('x.wasm')).toBe('application/wasm');
    expect(contentType('x.exe')).toBe('application/octet-stream');
  });
});
