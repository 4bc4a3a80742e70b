export { MASKINPORTEN_PRESETS, type MaskinportenEnvironment } from './maskinporten/environments.js';
export { MaskinportenError } from './maskinporten/errors.js';
export type { GrantAlgorithm } from './maskinporten/grant.js';
export { MaskinportenClient, type MaskinportenClientOptions } from './maskinporten/maskinporten-client.js';
export type { SigningKey } from './maskinporten/signing-key.js';
export type { AccessToken } from './maskinporten/token-endpoint.js';
export type { TokenRequest } from './maskinporten/token-request.js';
