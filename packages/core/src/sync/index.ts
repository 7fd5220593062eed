export * from './replication';
export * from './collections';
export * from './heartbeat';
