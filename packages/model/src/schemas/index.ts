/**
 * TypeBox schemas and TypeScript types of the FREG wire formats: the person document, the event document,
 * the feed, bulk lookups, search, uttrekk and error bodies. See docs/model.md.
 */
export * from './addresses.js';
export * from './shared.js';
export * from './person-elements.js';
export * from './person-document.js';
export * from './event-document.js';
export * from './feed.js';
export * from './bulk.js';
export * from './search.js';
export * from './uttrekk.js';
export * from './errors.js';
export { PersonRegistermetadata, HendelseRegistermetadata } from './metadata.js';
export { SCHEMAS_BY_OPENAPI_NAME } from './openapi.js';
export { validator, type Problem, type Validator } from './validate.js';
