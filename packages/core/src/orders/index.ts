export * from './schemas';
export * from './discount';
export * from './print-request';
export * from './totals-schema';
