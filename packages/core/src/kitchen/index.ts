export * from './ticket-schema';
export * from './routing';
