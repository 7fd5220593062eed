import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('.', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.bench.ts') ? [path] : [];
  });
}

describe('renderer-safe modules', () => {
  // Layout, ESC/POS and the queue run in the till's renderer (preview, worker next to RxDB):
  // they may only import Node modules as types.
  it.each(['layout', 'escpos', 'queue'])('src/%s has no runtime Node imports', (dir) => {
    for (const file of sources(join(root, dir))) {
      const runtimeImports = [...readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      const offending = runtimeImports.filter((m) => m.startsWith('node:') || m.startsWith('../transport/tcp') || m.startsWith('../transport/serial') || m.startsWith('../virtual-printer'));
      expect(offending, file).toEqual([]);
    }
  });
});
