export * from './replication';
export * from './collections';
export * from './order-window';
export * from './presence';
export * from './order-search';
export * from './heartbeat';
export * from './device-kind';
export * from './push-requests';
