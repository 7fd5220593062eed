// Bundles the Electron main process and preload with esbuild (CommonJS, electron external).
// The preload runs sandboxed, so it must be a single file that only requires 'electron'.
import { build, type BuildOptions } from 'esbuild';

const common: BuildOptions = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['electron'], sourcemap: true, logLevel: 'info' };

await build({ ...common, entryPoints: ['src/electron/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['src/electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
