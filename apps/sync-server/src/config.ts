import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/** The user's data dir (XDG on Linux, Application Support on macOS, AppData on Windows). */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  role: 'server' | 'hub' = 'server',
): string {
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'Comanda', role);
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Comanda', role);
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'comanda', role);
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4455),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  COMANDA_DATA_DIR: z.string().min(1).optional(),
  JWT_KEYS: z.string().optional(),
  JWT_ACTIVE_KID: z.string().optional(),
  CORS_ORIGINS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  // A port number, or `off` for no metrics listener.
  METRICS_PORT: z
    .union([z.literal('off'), z.coerce.number().int().min(0).max(65_535)])
    .default(9464),
  METRICS_HOST: z.string().default('127.0.0.1'),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
});

/** Server settings from the environment, validated (a typo fails at start with the variable's name). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.COMANDA_DATA_DIR ?? defaultDataDir(env),
    jwtKeys: e.JWT_KEYS,
    jwtActiveKid: e.JWT_ACTIVE_KID,
    corsOrigins: e.CORS_ORIGINS,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    authRateLimit: e.AUTH_RATE_LIMIT,
    poolMax: e.DB_POOL_MAX,
    metricsPort: e.METRICS_PORT === 'off' ? undefined : e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
  };
}
