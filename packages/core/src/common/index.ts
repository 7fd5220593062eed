export * from './errors';
export * from './document';
