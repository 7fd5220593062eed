import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's data directory for Comanda (XDG on Linux, APPDATA on Windows), or COMANDA_DATA_DIR. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.COMANDA_DATA_DIR) return env.COMANDA_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Comanda');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Comanda');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'comanda');
}
