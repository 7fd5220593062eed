// `npm start`: installs dependencies when needed, builds the owner's back office (which the sync
// server serves at /), then hands over to the desktop launcher, which starts the sync server on
// embedded PGlite with the demo org and opens the till.
import { ensureInstalled, pnpmCommand, run } from './lib.mjs';

await ensureInstalled();
const [pnpm, ...pre] = pnpmCommand();
const built = await run(pnpm, [...pre, '--filter', '@comanda/backoffice', 'build']);
if (built !== 0) process.exit(built);
process.exit(await run(pnpm, [...pre, '--filter', '@comanda/desktop', 'launch', ...process.argv.slice(2)]));
