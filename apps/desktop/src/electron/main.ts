import { app, ipcMain, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createHostService } from '../host/service/host-service.js';
import { APP_ORIGIN, isAppUrl, registerAppScheme, serveRenderer } from './modules/app-protocol.js';
import { registerHostIpc } from './ipc.js';
import { applySecurityPolicy } from './modules/security.js';
import { claimSingleInstance } from './modules/single-instance.js';
import { createTillWindow } from './modules/window-manager.js';

// Bundled to dist/electron/main.cjs; the renderer build sits next to it in dist/renderer.
const distDir = join(__dirname, '..');
let mainWindow: BrowserWindow | null = null;

registerAppScheme();
if (!claimSingleInstance(() => mainWindow)) {
  app.quit();
} else {
  applySecurityPolicy(isAppUrl);
  void app.whenReady().then(async () => {
    serveRenderer(join(distDir, 'renderer'));
    const service = createHostService({
      dataDir: process.env.COMANDA_DATA_DIR ?? app.getPath('userData'),
      host: 'electron',
      version: app.getVersion(),
      onSettingsChanged: (settings) => mainWindow?.setKiosk(settings.kiosk),
    });
    registerHostIpc(ipcMain, service, isAppUrl);
    const settings = await service['settings.get']({});
    const kiosk = settings.kiosk || process.argv.includes('--kiosk');
    mainWindow = createTillWindow({ preloadPath: join(distDir, 'electron', 'preload.cjs'), url: `${APP_ORIGIN}/`, kiosk });
    mainWindow.on('closed', () => (mainWindow = null));
  });
  app.on('window-all-closed', () => app.quit());
}
