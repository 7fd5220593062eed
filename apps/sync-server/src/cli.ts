import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { createPairingCode } from './auth/devices';
import { createUser } from './auth/users';
import { configFromEnv } from './config';
import { openDatabase, type Database } from './db/database';
import { seedDemo } from './seed';
import { ChangeHub } from './sync/change-hub';

const USAGE = `comanda-server <command>
  create-owner --org <orgId> --email <email> --name <name> [--org-name <name>]   (password from COMANDA_OWNER_PASSWORD or stdin)
  seed --demo [--org <orgId>]                 seed the demo org (bistro fixture) and its owner
  pair --branch <branchId> [--org <orgId>]    print a single-use pairing code for a till (10 minutes)
Environment: DATABASE_URL or COMANDA_DATA_DIR (as for the server).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function withDatabase<T>(work: (db: Database, hub: ChangeHub) => Promise<T>): Promise<T> {
  const config = configFromEnv();
  const logger = pino({ level: 'warn' });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
  });
  const hub = new ChangeHub(null, logger);
  try {
    return await work(db, hub);
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      org: { type: 'string' },
      'org-name': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      branch: { type: 'string' },
      demo: { type: 'boolean' },
    },
  });
  switch (command) {
    case 'create-owner': {
      const input = z
        .object({ org: z.string().min(1), email: z.email(), name: z.string().min(1) })
        .parse({ org: values.org, email: values.email, name: values.name });
      const password = process.env.COMANDA_OWNER_PASSWORD ?? (await readStdin());
      if (password.length < 10) throw new Error('The password must be at least 10 characters');
      await withDatabase(async (db) => {
        await db.pool.query(
          'INSERT INTO orgs (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING',
          [input.org, values['org-name'] ?? input.org],
        );
        const id = await createUser(db.pool, {
          orgId: input.org,
          email: input.email,
          name: input.name,
          role: 'owner',
          branchIds: [],
          password,
        });
        console.log(`Owner ${input.email} created (${id}) in org ${input.org}`);
      });
      return;
    }
    case 'seed': {
      if (!values.demo) throw new Error('Only `seed --demo` is supported');
      await withDatabase(async (db, hub) => {
        const seeded = await seedDemo({ db, hub }, { orgId: values.org });
        console.log(
          `Seeded org ${seeded.orgId}: branches ${seeded.branchIds.join(', ')}; ${seeded.menuCount} menu documents`,
        );
        console.log(`Owner: ${seeded.owner.email} / ${seeded.owner.password}`);
      });
      return;
    }
    case 'pair': {
      const branchId = z.string().min(1).parse(values.branch);
      await withDatabase(async (db) => {
        const { rows } = await db.pool.query<{ org_id: string }>(
          'SELECT org_id FROM branches WHERE id = $1 AND ($2::text IS NULL OR org_id = $2)',
          [branchId, values.org ?? null],
        );
        if (rows.length !== 1)
          throw new Error(
            rows.length ? 'Branch id is ambiguous: pass --org' : `No branch ${branchId}`,
          );
        const { code, expiresAt } = await createPairingCode(
          db.pool,
          { orgId: rows[0]!.org_id, branchId, createdBy: 'cli' },
          new Date(),
        );
        console.log(code);
        console.error(`Valid until ${new Date(expiresAt).toISOString()} for branch ${branchId}`);
      });
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
