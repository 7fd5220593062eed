export * from './shift-report';
export * from './sales';
export * from './money-dimensions';
export * from './refund-tax';
