// `npm start`: installs dependencies when needed, then hands over to the desktop launcher, which
// starts the sync server on embedded PGlite with the demo org and opens the till.
import { ensureInstalled, pnpmCommand, run } from './lib.mjs';

await ensureInstalled();
const [pnpm, ...pre] = pnpmCommand();
process.exit(await run(pnpm, [...pre, '--filter', '@comanda/desktop', 'launch', ...process.argv.slice(2)]));
