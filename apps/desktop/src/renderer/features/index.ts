export { CashierApp } from './cashier-app';
export type { CashierAppProps } from './cashier-app';
