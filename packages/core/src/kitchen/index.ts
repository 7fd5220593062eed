export * from './ticket-schema';
export * from './routing';
export * from './estimate';
export * from './status-schema';
export * from './status';
export * from './estimate-queue';
export * from './prep-report';
export * from './ready-board';
