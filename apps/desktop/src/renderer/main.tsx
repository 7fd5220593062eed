import './boot-mark.js';
import { openTillDatabase } from './data/database.js';
import './styles.css';

// Start-up order (docs/decisions/0026-till-start-up-order.md): this chunk holds only what opens the
// local store (RxDB, Dexie, the collection layouts), so IndexedDB starts opening as soon as it is
// evaluated. The runtime (sync, core's schemas) and the screens (React, every feature) are their
// own chunks, evaluated while the store opens: start-up waits for the slowest, not for their sum.
performance.mark('comanda:boot:db-start');
const db = openTillDatabase({ name: 'comanda-till' });
// Handled below, once the runtime has it; not an unhandled rejection meanwhile.
db.catch(() => undefined);
const runtimeModule = import('./runtime/runtime.js');
const hostModule = import('./host/host-client.js');
const ui = import('./shell/mount.js');

const rootElement = document.getElementById('root')!;

function fatal(message: string): void {
  rootElement.innerHTML = '';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'fatal';
  p.textContent = message;
  rootElement.append(p);
}

Promise.all([hostModule, runtimeModule]).then(
  ([{ createHostClient }, { bootTill }]) => {
    let host: ReturnType<typeof createHostClient>;
    try {
      host = createHostClient();
    } catch (error) {
      fatal((error as Error).message);
      return;
    }
    Promise.all([bootTill(host, { db }), ui]).then(
      ([runtime, { mountTill }]) => {
        mountTill(rootElement, runtime);
        void host['logs.write']({
          level: 'info',
          message: 'till started',
          context: { host: host.kind },
        });
      },
      (error: unknown) => {
        console.error(error);
        fatal(`The till could not open its local data: ${(error as Error).message}`);
      },
    );
  },
  (error: unknown) => {
    console.error(error);
    fatal(`The till could not load: ${(error as Error).message}`);
  },
);
