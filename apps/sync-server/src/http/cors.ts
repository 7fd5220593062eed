import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Which browser origins may call the API. The till runs at http://127.0.0.1:<port> (or
 * localhost) in Chromium, so loopback origins on any port are allowed by default; CORS_ORIGINS
 * adds exact origins, or `*` for any.
 */
export interface CorsPolicy {
  allowLoopback: boolean;
  origins: ReadonlySet<string>;
  any: boolean;
}

export function corsPolicy(spec: string | undefined): CorsPolicy {
  const entries = (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    allowLoopback: true,
    origins: new Set(entries.filter((e) => e !== '*')),
    any: entries.includes('*'),
  };
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;

export function isAllowedOrigin(policy: CorsPolicy, origin: string): boolean {
  return (
    policy.any || policy.origins.has(origin) || (policy.allowLoopback && LOOPBACK.test(origin))
  );
}

/** Sets CORS headers; answers preflight requests itself. Returns true when the request is done. */
export function applyCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (origin && isAllowedOrigin(policy, origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'x-request-id');
  }
  if (req.method !== 'OPTIONS') return false;
  if (origin && isAllowedOrigin(policy, origin)) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader(
      'Access-Control-Allow-Headers',
      'authorization, content-type, x-request-id, trpc-accept, last-event-id, x-trpc-source',
    );
    res.setHeader('Access-Control-Max-Age', '600');
    res.writeHead(204).end();
  } else {
    res.writeHead(403).end();
  }
  return true;
}
