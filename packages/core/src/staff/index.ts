export * from './schemas';
export * from './pin-hash';
export * from './pin-length';
