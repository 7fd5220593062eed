export * from './errors';
export * from './document';
export * from './bounds';
