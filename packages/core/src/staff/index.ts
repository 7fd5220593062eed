export * from './schemas';
export * from './pin-hash';
