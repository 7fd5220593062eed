import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { runAdminCommand, type AdminCommandName } from './admin';
import { configFromEnv, defaultDataDir } from './config';
import { openDatabase } from './db/database';
import { readLockHolder, type LockHolder } from './db/data-dir-lock';
import type { SeededOrg } from './seed';
import { stopOnSignals } from './serve';
import { startServer } from './server';
import { ChangeHub } from './sync/change-hub';

const USAGE = `comanda-server <command>
  create-owner --org <orgId> --email <email> --name <name> [--org-name <name>]
  user add --org <orgId> --email <email> --name <name> --role owner|manager [--branch <id>]...
                                              (passwords from COMANDA_USER_PASSWORD or stdin)
  seed --demo [--org <orgId>]                 seed the demo org (bistro fixture) and its owner
  pair --branch <branchId> [--org <orgId>]    print a single-use pairing code for a till (10 minutes)
  keys rotate                                 add a device-token signing key (it signs from the next key reload)
  keys retire --kid <kid>                     stop accepting tokens signed by an older device key
  hub --upstream <url> [--pairing-code <code>] [--name <name>]
                                              run as a branch hub of the central server at <url> (own
                                              PGlite in COMANDA_DATA_DIR, default …/comanda/hub; the
                                              pairing code is needed on the first start only)
Environment: DATABASE_URL or COMANDA_DATA_DIR (as for the server). When a sync server runs on the
embedded database, the commands are sent to it (the data folder belongs to that one process).`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.COMANDA_USER_PASSWORD ?? process.env.COMANDA_OWNER_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/**
 * Runs an operator command. On Postgres, or on a PGlite folder no process holds, the CLI opens
 * the database itself (taking the folder's lock). When a sync server holds the folder, the
 * command goes to its admin endpoint; any other holder is named and the CLI refuses.
 */
async function run(name: AdminCommandName, input: unknown): Promise<unknown> {
  const config = configFromEnv();
  if (!config.databaseUrl) {
    const holder = await readLockHolder(config.dataDir);
    if (holder) return sendToServer(holder, config.dataDir, name, input);
  }
  const logger = pino({ level: 'warn' });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
  });
  try {
    // Not started: on Postgres it only needs the URL to NOTIFY running servers from the transaction.
    const hub = new ChangeHub(db.listenUrl, logger);
    return await runAdminCommand({ db, hub, now: () => new Date() }, name, input);
  } finally {
    await db.close();
  }
}

async function sendToServer(
  holder: LockHolder,
  dataDir: string,
  name: AdminCommandName,
  input: unknown,
): Promise<unknown> {
  if (!holder.adminUrl || !holder.adminSecret)
    throw new Error(
      `The data folder ${dataDir} is in use by process ${holder.pid}, which takes no commands ` +
        '(another CLI command, or a server still starting). Try again in a moment.',
    );
  const response = await fetch(`${holder.adminUrl}/admin/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${holder.adminSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  }).catch((error: unknown) => {
    throw new Error(
      `The sync server (process ${holder.pid}) holds ${dataDir} but does not answer at ${holder.adminUrl}: ${(error as Error).message}`,
    );
  });
  const body = (await response.json().catch(() => ({}))) as {
    result?: unknown;
    error?: { message?: string };
  };
  if (!response.ok)
    throw new Error(body.error?.message ?? `The server answered ${response.status}`);
  return body.result;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const sub = command === 'user' || command === 'keys' ? rest.shift() : undefined;
  const { values } = parseArgs({
    args: rest,
    options: {
      org: { type: 'string' },
      'org-name': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      branch: { type: 'string', multiple: true },
      demo: { type: 'boolean' },
      kid: { type: 'string' },
      upstream: { type: 'string' },
      'pairing-code': { type: 'string' },
    },
  });
  const branches = values.branch ?? [];
  switch (sub !== undefined ? `${command} ${sub}` : command) {
    case 'create-owner':
    case 'user add': {
      const role = command === 'create-owner' ? 'owner' : values.role;
      const created = (await run('user.add', {
        orgId: values.org,
        orgName: values['org-name'],
        email: values.email,
        name: values.name,
        role,
        branchIds: branches,
        password: await readPassword(),
      })) as { id: string; orgId: string };
      console.log(
        `${role === 'owner' ? 'Owner' : 'Manager'} ${values.email} created (${created.id}) in org ${created.orgId}`,
      );
      return;
    }
    case 'seed': {
      if (!values.demo) throw new Error('Only `seed --demo` is supported');
      const seeded = (await run('seed', { orgId: values.org })) as SeededOrg;
      console.log(
        `Seeded org ${seeded.orgId}: branches ${seeded.branchIds.join(', ')}; ${seeded.menuCount} menu documents`,
      );
      console.log(`Owner: ${seeded.owner.email} / ${seeded.owner.password}`);
      return;
    }
    case 'pair': {
      const branchId = branches.at(-1);
      const { code, expiresAt } = (await run('pair', { branchId, orgId: values.org })) as {
        code: string;
        expiresAt: number;
      };
      console.log(code);
      console.error(`Valid until ${new Date(expiresAt).toISOString()} for branch ${branchId}`);
      return;
    }
    case 'hub': {
      const upstream = z.url({ protocol: /^https?$/ }).parse(values.upstream);
      const config = configFromEnv({
        COMANDA_DATA_DIR: defaultDataDir(process.env, 'hub'),
        ...process.env,
      });
      // A hub always runs on its own embedded database, never the central server's Postgres.
      const server = await startServer({
        ...config,
        databaseUrl: undefined,
        // Beside a central server on one machine the default metrics port would clash: opt in.
        metricsPort: process.env.METRICS_PORT ? config.metricsPort : undefined,
        hub: { upstream, pairingCode: values['pairing-code'], deviceName: values.name },
      });
      stopOnSignals(server);
      console.error(`Branch hub listening on ${server.url}, replicating with ${upstream}`);
      return;
    }
    case 'keys rotate': {
      const { kid } = (await run('keys.rotate', {})) as { kid: string };
      console.log(kid);
      console.error(
        'Servers sign device tokens with it from their next key reload (within 5 minutes).',
      );
      return;
    }
    case 'keys retire': {
      await run('keys.retire', { kid: values.kid });
      console.log(`Device key ${values.kid} retired`);
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    error instanceof z.ZodError
      ? `Invalid arguments: ${error.issues[0]?.path.join('.')} ${error.issues[0]?.message}`
      : error instanceof Error
        ? error.message
        : error,
  );
  process.exit(1);
});
