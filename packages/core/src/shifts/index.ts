export * from './schemas';
export * from './shift';
