export * from './tax-class';
export * from './tax-summary-schema';
export * from './tax-summary';
