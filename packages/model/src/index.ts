export * from './elements.js';
export * from './codelists.js';
export * from './schemas/index.js';
export * from './packages.js';
export * from './part.js';
