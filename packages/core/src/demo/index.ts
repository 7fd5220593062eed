export * from './demo-seed';
export * from './fixture-schema';
