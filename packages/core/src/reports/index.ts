export * from './shift-report';
export * from './sales';
export * from './money-dimensions';
