export * from './errors';
export * from './random';
export * from './params';
export * from './numeric';
