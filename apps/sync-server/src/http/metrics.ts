import { createServer, type Server } from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server (own registry, so several servers can run in one process). */
export interface Metrics {
  registry: Registry;
  requests: Counter<'procedure' | 'code'>;
  duration: Histogram<'procedure'>;
  pushedRows: Counter<'collection' | 'outcome'>;
  streams: Counter<'event'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'comanda_trpc_requests_total',
      help: 'tRPC calls by procedure and result code',
      labelNames: ['procedure', 'code'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'comanda_trpc_duration_seconds',
      help: 'tRPC call duration',
      labelNames: ['procedure'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    pushedRows: new Counter({
      name: 'comanda_sync_pushed_rows_total',
      help: 'Pushed rows by collection and outcome (written, unchanged, conflict)',
      labelNames: ['collection', 'outcome'],
      registers: [registry],
    }),
    streams: new Counter({
      name: 'comanda_sync_stream_events_total',
      help: 'Live stream lifecycle events',
      labelNames: ['event'],
      registers: [registry],
    }),
  };
}

/**
 * The Prometheus listener, separate from the API: the API port faces tills and browsers, this one
 * is bound to loopback (or a private interface) so request counts and process details are not
 * open to whoever can reach the shop's server.
 */
export function createMetricsServer(metrics: Metrics): Server {
  return createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/metrics' || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      },
      () => res.writeHead(500).end(),
    );
  });
}
