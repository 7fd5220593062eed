import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const DESKTOP_DIR = join(import.meta.dirname, '..', '..');
const SERVER_SRC = join(DESKTOP_DIR, '..', 'sync-server', 'src');
const OUTPUT_KEPT = 8000;
/** A process asked to stop (SIGTERM) is killed after this long. */
const STOP_GRACE_MS = 10_000;

/**
 * A program of the shop started as its own OS process (node + tsx, one process: a SIGKILL kills
 * it whole, as a power cut or the OOM killer would). Keeps the tail of its output for failures.
 */
export class ShopProcess {
  private output = '';
  private exited: Promise<number | null>;
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Runs `script` (TypeScript) with `args` and `env` added to this process's environment. */
  static start(name: string, script: string, args: readonly string[], env: Record<string, string>): ShopProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: DESKTOP_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ShopProcess(name, child);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines it printed, to explain a failure. */
  tail(): string {
    return `--- ${this.name} (pid ${String(this.child.pid)}) ---\n${this.output}`;
  }

  /** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
  async line(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (!this.alive) throw new Error(`${this.name} exited before printing ${String(pattern)}\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} printed no ${String(pattern)} in ${timeoutMs} ms\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Waits until `${url}/health/live` answers 200 (the server is listening and its database open).
   * Generous: a server restarted after a SIGKILL on a loaded machine has taken over a minute.
   */
  async healthy(url: string, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
      if (ok) return;
      if (!this.alive) throw new Error(`${this.name} exited while starting\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} not healthy at ${url} after ${timeoutMs} ms\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGKILL (no shutdown handler runs) or SIGTERM (graceful); resolves once the process is gone. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    if (!this.alive) return;
    this.child.kill(signal);
    // A graceful stop that hangs (a stuck shutdown) must not leave the process behind the test.
    const killLater = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(killLater);
  }
}

/** A process that did not start properly is not left running. */
const killOnFailure = (started: ShopProcess) => async (error: unknown): Promise<never> => {
  await started.stop('SIGKILL');
  throw error;
};

/** The central sync server (`src/main.ts`) on its embedded PGlite in `dataDir`. */
export async function startCentralProcess(dataDir: string, port: number): Promise<ShopProcess> {
  const server = ShopProcess.start('central server', join(SERVER_SRC, 'main.ts'), [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    COMANDA_DATA_DIR: dataDir,
    METRICS_PORT: 'off',
    LOG_LEVEL: 'warn',
  });
  await server.healthy(`http://127.0.0.1:${port}`).catch(killOnFailure(server));
  return server;
}

/** A branch hub (`comanda-server hub`) of `upstream`; the pairing code is for its first start only. */
export async function startHubProcess(dataDir: string, port: number, upstream: string, pairingCode?: string): Promise<ShopProcess> {
  const args = ['hub', '--upstream', upstream, '--name', 'Branch hub', ...(pairingCode ? ['--pairing-code', pairingCode] : [])];
  const hub = ShopProcess.start('branch hub', join(SERVER_SRC, 'cli.ts'), args, {
    PORT: String(port),
    HOST: '127.0.0.1',
    COMANDA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  await hub.healthy(`http://127.0.0.1:${port}`).catch(killOnFailure(hub));
  return hub;
}

/** The till's Node host serving the renderer (`till-host-main.ts`), with its device settings in `dataDir`. */
export async function startTillHostProcess(name: string, dataDir: string, port: number): Promise<{ process: ShopProcess; url: string; origin: string; secret: string }> {
  const host = ShopProcess.start(name, join(import.meta.dirname, 'till-host-main.ts'), [], {
    TILL_DATA_DIR: dataDir,
    TILL_PORT: String(port),
  });
  const [, json] = await host.line(/^TILL_HOST (\{.*\})$/m).catch(killOnFailure(host));
  return { process: host, ...(JSON.parse(json!) as { url: string; origin: string; secret: string }) };
}
