export * from './shift-report';
export * from './sales';
