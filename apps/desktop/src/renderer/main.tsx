import './boot-mark.js';
import { createHostClient } from './host/host-client.js';
import { bootTill } from './runtime/runtime.js';
import './styles.css';

const rootElement = document.getElementById('root')!;
// The screens (React and the features) load in parallel with opening the store: start-up waits
// for whichever is slower, not for both one after the other.
const ui = import('./shell/mount.js');

function fatal(message: string): void {
  rootElement.innerHTML = '';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.className = 'fatal';
  p.textContent = message;
  rootElement.append(p);
}

try {
  const host = createHostClient();
  Promise.all([bootTill(host), ui]).then(
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
} catch (error) {
  fatal((error as Error).message);
}
