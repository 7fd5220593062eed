import { ComandaError } from '@comanda/core';
import { TILL_REVOKED_REASON } from '@comanda/core/sync';
import { initTRPC, TRPCError } from '@trpc/server';
import type { CreateHTTPContextOptions } from '@trpc/server/adapters/standalone';
import type { Logger } from 'pino';
import {
  InvalidTokenError,
  UnknownKeyError,
  verifyAccessToken,
  type DevicePrincipal,
  type Principal,
  type UserPrincipal,
} from './auth/jwt';
import { TillRevokedError, tillRevoked } from './auth/till-revoked';
import { branchExists } from './db/branches';
import { touchDevice } from './db/devices';
import type { Services } from './services';

/** Per-request context: the services, a request-scoped logger and the caller's bearer token. */
export interface Context {
  services: Services;
  log: Logger;
  requestId: string;
  ip: string;
  token: string | null;
}

/** The only procedure that may carry its token in the URL: EventSource cannot set headers. */
const URL_TOKEN_PROCEDURE = 'sync.changes';

/**
 * Builds the context. The token comes from `Authorization: Bearer …`, or for the `sync.changes`
 * subscription only from tRPC's `connectionParams.token` (a URL parameter: it ends up in proxy
 * logs, so no other procedure accepts it).
 */
export function createContextFactory(services: Services) {
  return ({ req, info }: CreateHTTPContextOptions): Context => {
    const header = req.headers.authorization;
    const bearer =
      typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const streamOnly =
      info.type === 'subscription' &&
      info.calls.length === 1 &&
      info.calls[0]?.path === URL_TOKEN_PROCEDURE;
    const fromParams = streamOnly ? (info.connectionParams?.token ?? null) : null;
    const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 64) || crypto.randomUUID();
    return {
      services,
      log: services.logger.child({ requestId }),
      requestId,
      ip: req.socket.remoteAddress ?? 'unknown',
      token: bearer || fromParams || null,
    };
  };
}

interface IssueLike {
  path: PropertyKey[];
  message: string;
}

function issuesOf(cause: unknown): IssueLike[] | null {
  const issues = (cause as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as IssueLike[]) : null;
}

const t = initTRPC.context<Context>().create({
  // Pings keep idle SSE streams alive through proxies; the client reconnects (resuming from
  // lastEventId) when it has heard nothing for a while.
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  /**
   * Input errors name the field at fault (`data.issues[].path`) and lead with a readable
   * message; internal errors never leak their details.
   */
  errorFormatter({ shape, error }) {
    const issues = error.code === 'BAD_REQUEST' ? issuesOf(error.cause) : null;
    const formatted =
      issues?.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) ?? null;
    const first = formatted?.[0];
    let message = shape.message;
    if (first) message = `Invalid input${first.path ? ` at ${first.path}` : ''}: ${first.message}`;
    if (error.code === 'INTERNAL_SERVER_ERROR') message = 'Internal server error';
    const { stack: _stack, ...data } = shape.data;
    const reason = error.cause instanceof TillRevokedError ? TILL_REVOKED_REASON : null;
    return { ...shape, message, data: { ...data, issues: formatted, reason } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const PG_INPUT_ERRORS: Record<string, TRPCError['code']> = {
  '23505': 'CONFLICT',
  '23503': 'BAD_REQUEST',
  '23514': 'BAD_REQUEST',
  '22P05': 'BAD_REQUEST',
  '22021': 'BAD_REQUEST',
  '22P02': 'BAD_REQUEST',
  '22003': 'BAD_REQUEST',
  '22001': 'BAD_REQUEST',
  '54000': 'BAD_REQUEST',
};
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08003',
  '08001',
]);

/** Turns database failures into errors a client can act on: bad data is a 4xx, a database outage a 503. */
function mapDatabaseError(error: unknown): TRPCError | null {
  const cause = error instanceof TRPCError ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = cause instanceof Error ? cause.message : '';
  if (typeof code === 'string' && PG_INPUT_ERRORS[code]) {
    return new TRPCError({
      code: PG_INPUT_ERRORS[code],
      message: `Rejected by the database: ${message}`,
    });
  }
  if (
    (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      message,
    )
  ) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'Database unavailable, retry shortly',
    });
  }
  return null;
}

/**
 * A domain error from `@comanda/core` (e.g. a MoneyError from totals beyond safe integers) that
 * escaped the checks before it is about the request's data, not the server: a 422 with its message.
 */
function mapDomainError(error: TRPCError): TRPCError | null {
  if (!(error.cause instanceof ComandaError)) return null;
  return new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: error.cause.message });
}

/** Logs, measures and maps errors of every call. */
const observed = t.procedure.use(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const metrics = ctx.services.metrics;
  if (type !== 'subscription')
    metrics.duration.observe({ procedure: path }, (performance.now() - started) / 1000);
  if (!result.ok) {
    const mapped =
      result.error.code === 'INTERNAL_SERVER_ERROR'
        ? (mapDomainError(result.error) ?? mapDatabaseError(result.error))
        : null;
    if (mapped) result.error = mapped;
    const level = result.error.code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'info';
    ctx.log[level](
      { path, code: result.error.code, err: result.error.cause ?? result.error },
      'call failed',
    );
  }
  metrics.requests.inc({ procedure: path, code: result.ok ? 'OK' : result.error.code });
  return result;
});

export const publicProcedure = observed;

/** Procedures limited per client address (sign-in, refresh, pairing, device tokens). */
export const rateLimitedProcedure = observed.use(({ ctx, path, next }) => {
  if (!ctx.services.rateLimiter.take(`${path}:${ctx.ip}`, ctx.services.now().getTime())) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many attempts; wait a minute and try again',
    });
  }
  return next();
});

function unauthorized(message: string): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message });
}

/** Any valid access token. Device tokens are also checked against revocation on every call. */
const authedProcedure = observed.use(async ({ ctx, next }) => {
  if (!ctx.token) throw unauthorized('Sign in first: missing bearer token');
  const token = ctx.token;
  const { keyring, deviceKeys, now } = ctx.services;
  const verify = () =>
    verifyAccessToken({ hmac: keyring, device: deviceKeys.current }, token, now());
  let principal: Principal;
  try {
    try {
      principal = verify();
    } catch (error) {
      // A key added by rotation since the keys were loaded: reload (rate-limited) and retry once.
      if (!(error instanceof UnknownKeyError) || !(await deviceKeys.reload())) throw error;
      principal = verify();
    }
  } catch (error) {
    if (error instanceof InvalidTokenError)
      throw unauthorized(`Access token rejected: ${error.message}`);
    throw error;
  }
  if (principal.typ === 'device') await assertDeviceActive(ctx, principal);
  return next({ ctx: { ...ctx, principal } });
});

const lastSeenWrites = new WeakMap<Services, Map<string, number>>();

async function assertDeviceActive(ctx: Context, device: DevicePrincipal): Promise<void> {
  // A hub serves one branch: a till of another branch (or org) has no business here.
  const scope = ctx.services.branchHub?.scope;
  if (scope && (device.org !== scope.orgId || device.branch !== scope.branchId))
    throw new TRPCError({ code: 'FORBIDDEN', message: 'This hub serves another branch' });
  const { activeDevices } = ctx.services;
  let active = await activeDevices.isActive(device.org, device.sub);
  if (!active && ctx.services.branchHub) {
    // The hub only knows its mirrored list: a device missing from it may be new, not revoked.
    await ctx.services.branchHub.deviceUnknown(device.sub);
    active = await activeDevices.isActive(device.org, device.sub);
  }
  if (!active) {
    if (scope)
      throw unauthorized(
        "This till is not on the branch hub's device list (revoked, or paired after its last sync)",
      );
    throw tillRevoked();
  }
  // last_seen_at is written at most once a minute per device, not on every call.
  const seen = lastSeenWrites.get(ctx.services) ?? new Map<string, number>();
  lastSeenWrites.set(ctx.services, seen);
  const now = ctx.services.now().getTime();
  if ((seen.get(device.sub) ?? 0) < now - 60_000) {
    seen.set(device.sub, now);
    await touchDevice(ctx.services.db.pool, device.sub, new Date(now));
  }
}

/** Owners and managers signed in to the back office. */
export const protectedProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.principal.typ !== 'user')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Needs an owner or manager sign-in' });
  return next({ ctx: { ...ctx, user: ctx.principal } });
});

/** Owners only (menu, staff, devices, branches). */
export const ownerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'owner')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an owner can do this' });
  return next();
});

/** Paired tills. */
export const deviceProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.principal.typ !== 'device')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Needs a paired till' });
  return next({ ctx: { ...ctx, device: ctx.principal } });
});

/**
 * A branch the signed-in user may see: owners any branch of their org, managers their own.
 * Unknown and foreign branches answer the same 403, so ids of other orgs are not probed.
 */
export async function assertUserBranch(
  ctx: Context & { user: UserPrincipal },
  branchId: string,
): Promise<void> {
  const allowed =
    (await branchExists(ctx.services.db.pool, ctx.user.org, branchId)) &&
    (ctx.user.role === 'owner' || ctx.user.branches.includes(branchId));
  if (!allowed)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `No access to branch ${branchId.slice(0, 60)}`,
    });
}
