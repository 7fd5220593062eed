import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openTcpSession, queryPrinterStatus } from '../transport';
import { encodeDocument } from '../escpos';

describe('pnpm printer:virtual', () => {
  it('listens, decodes a job and prints it to stdout', async () => {
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in: ${out}`)), 10_000);
        child.stdout.on('data', () => {
          const m = /listening on [\d.]+:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const session = await openTcpSession({ host: '127.0.0.1', port });
      await session.write(encodeDocument({ kind: 'test-page', title: 't', blocks: [{ kind: 'text', text: 'Γύρος 12,50 €', style: { bold: true } }, { kind: 'cut' }] }, { columns: 32 }));
      await session.status();
      session.close();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no document in: ${out}`)), 5000);
        const check = (): void => {
          if (out.includes('[CUT partial]')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', check);
        check();
      });
      expect(out).toContain('[B]Γύρος 12,50 €[/B]');
      expect(out).toContain('complete');

      // Faults typed on stdin take effect: the printer now reports paper out.
      child.stdin.write('paperOut true\n');
      await new Promise<void>((resolve) => {
        const check = (): void => (out.includes('paperOut = true') ? resolve() : undefined);
        child.stdout.on('data', check);
        check();
      });
      await expect(queryPrinterStatus({ host: '127.0.0.1', port })).resolves.toMatchObject({ paperEnd: true, online: false });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
