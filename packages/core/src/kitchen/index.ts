export * from './ticket-schema';
