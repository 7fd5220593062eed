export { CashierApp } from './cashier-app';
export type { CashierAppProps } from './cashier-app';
export * from './ports';
export type * from './domain';
