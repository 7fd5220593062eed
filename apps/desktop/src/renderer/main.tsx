import './boot-mark.js';
import { createRoot } from 'react-dom/client';
import { createHostClient } from './host/host-client.js';
import { TillApp } from './shell/app.js';
import { bootTill } from './shell/runtime.js';
import './styles.css';

const rootElement = document.getElementById('root')!;
const root = createRoot(rootElement);

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
  bootTill(host).then(
    (runtime) => {
      root.render(<TillApp runtime={runtime} />);
      void host['logs.write']({ level: 'info', message: 'till started', context: { host: host.kind } });
    },
    (error: unknown) => {
      console.error(error);
      fatal(`The till could not open its local data: ${(error as Error).message}`);
    },
  );
} catch (error) {
  fatal((error as Error).message);
}
