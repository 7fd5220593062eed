export * from './schemas';
export * from './modifiers';
export * from './resolve';
export * from './barcode';
export * from './category-color';
export * from './menu-integrity';
export * from './allergens';
