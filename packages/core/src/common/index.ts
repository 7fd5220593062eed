export * from './errors';
export * from './document';
export * from './bounds';
export * from './stable-json';
export * from './paging';
