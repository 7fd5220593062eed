export * from './ticket-schema';
export * from './routing';
export * from './estimate';
