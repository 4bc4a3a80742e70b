import { MaskinportenError } from './errors.js';
import { send, type Http } from './http.js';

/** A Maskinporten preset, or any Maskinporten-compatible issuer such as Folkeport's own server. */
export type MaskinportenEnvironment = 'test' | 'prod' | { issuer: string; tokenEndpoint?: string };

/** Issuer (= the grant's `aud`) and token endpoint of the two live environments (maskinporten.md §1). */
export const MASKINPORTEN_PRESETS = Object.freeze({
  test: Object.freeze({ issuer: 'https://test.maskinporten.no/', tokenEndpoint: 'https://test.maskinporten.no/token' }),
  prod: Object.freeze({ issuer: 'https://maskinporten.no/', tokenEndpoint: 'https://maskinporten.no/token' }),
});

/** The issuer and, when already known, the token endpoint. Throws on a malformed custom environment. */
export function describeEnvironment(environment: MaskinportenEnvironment): { issuer: string; tokenEndpoint?: string } {
  if (environment === 'test' || environment === 'prod') return MASKINPORTEN_PRESETS[environment];
  if (typeof environment !== 'object' || environment === null || typeof environment.issuer !== 'string') {
    throw new MaskinportenError(`environment must be 'test', 'prod' or { issuer, tokenEndpoint? }`);
  }
  const { issuer, tokenEndpoint } = environment;
  requireHttpUrl(issuer, 'The issuer');
  // Maskinporten's issuer identifiers end with '/', and the grant's aud must match them exactly.
  if (!issuer.endsWith('/')) throw new MaskinportenError(`The issuer must end with '/' (got ${issuer})`);
  if (tokenEndpoint === undefined) return { issuer };
  requireHttpUrl(tokenEndpoint, 'The token endpoint');
  return { issuer, tokenEndpoint };
}

/** Reads the token endpoint from the issuer's RFC 8414 metadata and checks that it describes this issuer. */
export async function discoverTokenEndpoint(http: Http, issuer: string): Promise<string> {
  const url = `${issuer}.well-known/oauth-authorization-server`;
  const response = await send(http, url, { method: 'GET', headers: { accept: 'application/json' } });
  if (response.status !== 200) {
    const message = `Could not read the authorization server metadata at ${url} (HTTP ${response.status})`;
    throw new MaskinportenError(message, { status: response.status, retryable: response.status >= 500 });
  }
  const metadata = response.json;
  if (typeof metadata !== 'object' || metadata === null) {
    throw new MaskinportenError(`The authorization server metadata at ${url} is not a JSON object`);
  }
  const { issuer: advertised, token_endpoint: tokenEndpoint } = metadata as Record<string, unknown>;
  if (advertised !== issuer) {
    throw new MaskinportenError(
      `The metadata at ${url} is for issuer ${JSON.stringify(advertised)}, not the configured ${issuer}`,
    );
  }
  if (typeof tokenEndpoint !== 'string') {
    throw new MaskinportenError(`The authorization server metadata at ${url} has no token_endpoint`);
  }
  requireHttpUrl(tokenEndpoint, `The token_endpoint in ${url}`);
  return tokenEndpoint;
}

function requireHttpUrl(value: string, what: string): void {
  const protocol = URL.canParse(value) ? new URL(value).protocol : '';
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new MaskinportenError(`${what} must be an absolute http(s) URL (got ${JSON.stringify(value)})`);
  }
}
