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
