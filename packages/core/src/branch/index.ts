export * from './schemas';
export * from './logo';
