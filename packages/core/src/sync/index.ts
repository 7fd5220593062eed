export * from './replication';
export * from './collections';
