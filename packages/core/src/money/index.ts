export * from './money';
export * from './currency';
export * from './allocate';
export * from './cash-rounding';
export * from './money-input';
export * from './denominations';
