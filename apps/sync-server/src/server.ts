import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import pino, { type Logger } from 'pino';
import { ACTIVE_DEVICE_TTL_MS, ActiveDevices } from './auth/active-devices';
import { DeviceKeyStore } from './auth/device-key-store';
import { deviceKeysFromDatabase } from './auth/device-keys';
import { keyringFromDatabase, keyringFromEnv } from './auth/keyring';
import { openDatabase } from './db/database';
import { openBranchHub, type HubOptions } from './hub/branch-hub';
import { applyCors, corsPolicy } from './http/cors';
import { randomSecret } from './auth/secrets';
import { createAdminHandler } from './http/admin';
import { createMetrics, createMetricsServer } from './http/metrics';
import { RateLimiter } from './http/rate-limit';
import { createStaticHandler, defaultBackofficeDir } from './http/static';
import { appRouter } from './router';
import { JWKS_PATH } from './server-paths';
import type { Services } from './services';
import { ChangeHub } from './sync/change-hub';
import { PresenceBoard } from './sync/presence-board';
import { createContextFactory } from './trpc';

export { JWKS_PATH };

export interface StartServerOptions {
  /** 0 picks a free port. Default 4455. */
  port?: number;
  host?: string;
  /** Postgres connection string; without it the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory (or `memory://`). */
  dataDir: string;
  /** JWT_KEYS / JWT_ACTIVE_KID; without them a key is generated and kept in the database. */
  jwtKeys?: string | undefined;
  jwtActiveKid?: string | undefined;
  /** Extra allowed browser origins (comma-separated, `*` for any); loopback origins are always allowed. */
  corsOrigins?: string | undefined;
  /** Largest accepted request body (default 1 MiB); larger bodies get 413. */
  maxBodyBytes?: number;
  /** Attempts per minute per client for sign-in and pairing (default 10). */
  authRateLimit?: number;
  logger?: Logger;
  logLevel?: string;
  now?: () => Date;
  /** Live streams poll at least this often even without a notice (default 15 s). */
  streamPollMs?: number;
  poolMax?: number;
  /** The built back office served at `/` (default: this workspace's `apps/backoffice/dist`). */
  backofficeDir?: string;
  /**
   * Port of the separate Prometheus listener (`GET /metrics`); 0 picks a free one, undefined
   * serves no metrics. The API port never answers /metrics.
   */
  metricsPort?: number | undefined;
  /** Address of the metrics listener (default 127.0.0.1: only this machine can scrape). */
  metricsHost?: string;
  /** Run as a branch hub replicating with this central server (`comanda-server hub`). */
  hub?: HubOptions | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  /** `http://host:port/metrics` of the metrics listener, or null when it is off. */
  metricsUrl: string | null;
  services: Services;
  /** Graceful shutdown: stop accepting, end live streams, close the database. */
  close(): Promise<void>;
}

/** Starts the sync server: database + migrations, tRPC under /trpc, health and metrics. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const logger =
    options.logger ??
    pino({ level: options.logLevel ?? 'info', base: { service: 'comanda-sync' } });
  const db = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    logger,
    poolMax: options.poolMax,
  });
  // A failed start releases what it took (the PGlite folder lock above all).
  const undo: (() => Promise<unknown>)[] = [() => db.close()];
  try {
    const keyring =
      keyringFromEnv(options.jwtKeys, options.jwtActiveKid) ?? (await keyringFromDatabase(db.pool));
    const now = options.now ?? (() => new Date());
    const hubMode = options.hub ? await openBranchHub(db, options.hub, logger, now) : null;
    if (hubMode) undo.unshift(() => hubMode.hub.close());
    // A hub verifies with the central server's public keys and never signs a device token.
    const deviceKeys =
      hubMode?.deviceKeys ??
      new DeviceKeyStore(
        await deviceKeysFromDatabase(db.pool, now()),
        () => deviceKeysFromDatabase(db.pool, now()),
        () => now().getTime(),
      );
    const hub = new ChangeHub(db.listenUrl, logger);
    // A hub's device list is a mirror rewritten by its replicator: it asks its database each time.
    const activeDevices = new ActiveDevices(
      db.pool,
      () => now().getTime(),
      hubMode ? 0 : ACTIVE_DEVICE_TTL_MS,
    );
    hub.subscribe((event) => {
      if (event.type === 'resync') activeDevices.forgetAll();
      else if (event.type === 'change' && event.notice.revoked)
        activeDevices.forget(event.notice.org, event.notice.revoked);
    });
    await hub.start();
    undo.unshift(() => hub.close());
    const services: Services = {
      db,
      keyring,
      deviceKeys,
      hub,
      activeDevices,
      branchHub: hubMode?.hub ?? null,
      presence: new PresenceBoard(hub, () => now().getTime()),
      logger,
      rateLimiter: new RateLimiter(options.authRateLimit ?? 10, 60_000),
      metrics: createMetrics(),
      now,
      streamPollMs: options.streamPollMs ?? 15_000,
    };
    const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    const cors = corsPolicy(options.corsOrigins);
    const trpc = createHTTPHandler({
      router: appRouter,
      createContext: createContextFactory(services),
      basePath: '/trpc/',
      maxBodySize: maxBodyBytes,
    });

    const backoffice = createStaticHandler(options.backofficeDir ?? defaultBackofficeDir());
    const sockets = new Set<Socket>();
    let shuttingDown = false;
    const server = createServer({ requestTimeout: 0 }, (req, res) => {
      const requestId =
        String(req.headers['x-request-id'] ?? '').slice(0, 64) || crypto.randomUUID();
      req.headers['x-request-id'] = requestId;
      res.setHeader('x-request-id', requestId);
      const started = performance.now();
      res.on('finish', () => {
        logger.debug(
          {
            requestId,
            method: req.method,
            path: req.url?.split('?')[0],
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      });
      void route(req, res).catch((error: unknown) => {
        logger.error({ err: error, requestId }, 'request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    });

    // The CLI's door into a server that owns its PGlite folder (see http/admin.ts).
    const adminSecret = db.lock ? randomSecret() : null;
    const admin = adminSecret ? createAdminHandler(services, adminSecret) : null;

    async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (applyCors(cors, req, res)) return;
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (admin && path.startsWith('/admin/')) return admin(req, res, path.slice('/admin/'.length));
      if (path === '/health/live') return json(res, 200, { status: 'ok' });
      // Public keys only; a hub caches them and refetches on an unknown kid, so keep the age short.
      if (path === JWKS_PATH) {
        res.setHeader('cache-control', 'public, max-age=300');
        return json(res, 200, services.deviceKeys.current.jwks);
      }
      if (path === '/health/ready') {
        if (shuttingDown) return json(res, 503, { status: 'shutting down' });
        try {
          await Promise.race([
            db.pool.query('SELECT 1'),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('database timeout')), 2000),
            ),
          ]);
          return json(res, 200, { status: 'ready', database: db.kind });
        } catch (error) {
          return json(res, 503, {
            status: 'database unavailable',
            error: (error as Error).message,
          });
        }
      }
      if (path.startsWith('/trpc/')) {
        const length = Number(req.headers['content-length'] ?? 0);
        if (length > maxBodyBytes) {
          return json(res, 413, {
            error: {
              message: `Request body over ${maxBodyBytes} bytes`,
              code: 'PAYLOAD_TOO_LARGE',
            },
          });
        }
        trpc(req, res);
        return;
      }
      if (await backoffice(req, res, path)) return;
      json(res, 404, { error: { message: 'Not found' } });
    }

    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    const url = await listen(server, options.port ?? 4455, options.host ?? '127.0.0.1');
    undo.unshift(() => new Promise((resolve) => server.close(resolve)));
    logger.info({ url, database: db.kind }, 'sync server listening');
    if (db.lock && adminSecret) await db.lock.publish({ adminUrl: url, adminSecret });
    const metricsServer =
      options.metricsPort === undefined ? null : createMetricsServer(services.metrics);
    const metricsUrl = metricsServer
      ? `${await listen(metricsServer, options.metricsPort!, options.metricsHost ?? '127.0.0.1')}/metrics`
      : null;
    if (metricsUrl) logger.info({ metricsUrl }, 'metrics listening');
    hubMode?.hub.start(hub);

    let closing: Promise<void> | undefined;
    return {
      url,
      port: Number(new URL(url).port),
      metricsUrl,
      services,
      close() {
        closing ??= (async () => {
          shuttingDown = true;
          const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          // Live SSE streams never end by themselves: give in-flight calls a moment, then cut.
          await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 1000))]);
          for (const socket of sockets) socket.destroy();
          await stopped;
          await new Promise((resolve) =>
            metricsServer ? metricsServer.close(resolve) : resolve(0),
          );
          await hubMode?.hub.close();
          await hub.close();
          await db.close();
          logger.info('sync server stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const step of undo) await step().catch(() => undefined);
    throw error;
  }
}

/** Listens and returns the base URL (a wildcard address is reached through loopback). */
async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const reachable = host !== '0.0.0.0' && host !== '::' ? host : '127.0.0.1';
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${bound}`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
