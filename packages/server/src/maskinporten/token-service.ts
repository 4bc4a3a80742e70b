/**
 * The token endpoint's decision: a JWT-bearer grant in, an access token or a documented error out
 * (reference maskinporten.md §2–§5 and §8). Checks run in the order a client can act on: transport, header,
 * client and key, signature, claims, scopes and delegation, and last the replay check. The database is asked
 * once per grant (see `issue`); a refused grant does not use up its jti.
 */
import { randomUUID } from 'node:crypto';
import { isValidOrganisasjonsnummer } from '@folkeport/identity';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTPayload } from 'jose';
import { checkCertificateChain } from './certificates.js';
import {
  checkGrantClaims,
  checkGrantHeader,
  GRANT_MAX_VALIDITY_SECONDS,
  grantScopes,
  isIdentifier,
  type GrantClaims,
  type GrantHeader,
} from './grant-claims.js';
import { grantErrors } from './grant-errors.js';
import { grantSignatureValid, registeredKeyObjects } from './grant-signature.js';
import type { GrantClient, GrantContext, GrantKey, MaskinportenStore } from './maskinporten-store.js';
import { TOKEN_ALGORITHM, type SigningKeys } from './signing-keys.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ICD_ORGANISASJONSNUMMER = '0192';

export interface TokenServiceConfig {
  /** With the trailing slash, e.g. `http://127.0.0.1:7070/`. */
  issuer: string;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** Access-token lifetime in seconds unless a scope's `at_max_age` is lower (Q3: default 120). */
  accessTokenLifetime: number;
  /** Refuse `nbf` as an unknown claim too (Q5). */
  strictClaims: boolean;
  /** `aud: "unspecified"` on tokens without `resource` (Q6; FREG expects it). */
  audienceUnspecified: boolean;
  /** HTTP status of MP-250/MP-251 (Q1: 403). */
  forbiddenStatus: number;
  /** CA certificates (PEM) that enterprise certificates (`x5c`) must chain to. */
  trustedCaPems: () => Promise<readonly string[]>;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export interface TokenService {
  issue(form: Record<string, unknown>): Promise<TokenResponse>;
}

type ClientAmr = 'private_key_jwt' | 'virksomhetssertifikat';
type KeyObjects = ReturnType<typeof registeredKeyObjects>;

export function createTokenService(store: MaskinportenStore, keys: SigningKeys, config: TokenServiceConfig): TokenService {
  const keyObjects = registeredKeyObjects();
  return {
    async issue(form) {
      if (form.grant_type !== JWT_BEARER) {
        if (typeof form.grant_type !== 'string') throw grantErrors.malformed('grant_type is required');
        throw grantErrors.unsupportedGrantType();
      }
      const assertion = form.assertion;
      if (typeof assertion !== 'string' || assertion === '') throw grantErrors.malformed('assertion is required');

      const { header, payload } = decode(assertion);
      const grantHeader = checkGrantHeader(header);
      const now = config.clock();
      if (!isIdentifier(payload.iss)) throw grantErrors.clientNotFound();
      // One round trip reads everything the decision needs and records the jti, both named by the grant before
      // it is verified: nothing read counts until the signature and the claims have been checked, and a refused
      // grant has its jti forgotten again, so it is not used up.
      const jti = isIdentifier(payload.jti) ? payload.jti : undefined;
      const context = await store.grantContext({
        clientId: payload.iss,
        kid: grantHeader.kid,
        scopes: typeof payload.scope === 'string' ? grantScopes(payload.scope).filter(isIdentifier) : [],
        consumerOrg: typeof payload.consumer_org === 'string' && isValidOrganisasjonsnummer(payload.consumer_org) ? payload.consumer_org : undefined,
        jti,
        usedUntil: new Date(now + GRANT_MAX_VALIDITY_SECONDS * 1000),
        now: new Date(now),
      });
      if (!context) throw grantErrors.clientNotFound();
      try {
        return await issueFor(context, assertion, grantHeader, payload, now);
      } catch (error) {
        // Best effort: the caller must learn why the grant was refused even if the database fails now.
        if (context.jtiRecorded && jti !== undefined) await store.forgetGrant(context.client.clientId, jti).catch(() => undefined);
        throw error;
      }
    },
  };

  /** The checks after the lookup, in order: key or certificate, signature, claims, scopes, replay; then the token. */
  async function issueFor(context: GrantContext, assertion: string, grantHeader: GrantHeader, payload: Record<string, unknown>, now: number) {
    const { client } = context;
    const { key, amr } = grantHeader.kid !== undefined
      ? registeredKey(keyObjects, grantHeader.kid, context.key, client, now)
      : certificateKey(grantHeader.x5c, client, await config.trustedCaPems(), now);
    if (!grantSignatureValid(assertion, grantHeader.alg, key)) throw grantErrors.signature();

    const claims = checkGrantClaims(payload, { issuer: config.issuer, now: Math.floor(now / 1000), strict: config.strictClaims });
    const decision = decideScopes(context, claims, config.forbiddenStatus);
    if (!context.jtiRecorded) throw grantErrors.replay();

    const lifetime = Math.min(config.accessTokenLifetime, ...decision.maxAges);
    const iat = Math.floor(now / 1000);
    const signer = await keys.active();
    const token = await new SignJWT(accessTokenClaims(config, client, claims, amr, decision.delegationSource))
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: signer.kid })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetime)
      .setJti(randomUUID())
      .sign(signer.key);
    return { access_token: token, token_type: 'Bearer' as const, expires_in: lifetime, scope: claims.scopes.join(' ') };
  }
}

function decode(assertion: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  try {
    return { header: decodeProtectedHeader(assertion) as Record<string, unknown>, payload: decodeJwt(assertion) as Record<string, unknown> };
  } catch {
    throw grantErrors.malformed('assertion is not a signed JWT');
  }
}

function registeredKey(keyObject: KeyObjects, kid: string, registered: GrantKey | undefined, client: GrantClient, now: number) {
  if (!registered || registered.clientId !== client.clientId) throw grantErrors.unknownKey();
  if (registered.expires.getTime() <= now) throw grantErrors.expiredKey();
  try {
    return { key: keyObject(kid, registered.publicJwk), amr: 'private_key_jwt' as ClientAmr };
  } catch {
    throw grantErrors.unknownKey();
  }
}

function certificateKey(x5c: unknown, client: GrantClient, trusted: readonly string[], now: number) {
  const check = checkCertificateChain(x5c, trusted, new Date(now));
  if (!check.ok) throw check.code === 'MP-123' ? grantErrors.x5c(check.reason) : grantErrors.certificate(check.reason);
  if (check.organisasjonsnummer !== client.organisasjonsnummer) throw grantErrors.certificateOrg();
  return { key: check.publicKey, amr: 'virksomhetssertifikat' as ClientAmr };
}

/**
 * Every scope must exist, be on the client and be usable in Maskinporten; then either granted to the
 * client's own organisation, or (with `consumer_org`) granted to the consumer, delegable, and delegated
 * by the consumer to the client's organisation.
 */
function decideScopes(data: GrantContext, claims: GrantClaims, forbiddenStatus: number) {
  const { client } = data;
  const supplier = claims.consumerOrg === undefined ? undefined : client.organisasjonsnummer;
  if (claims.consumerOrg === client.organisasjonsnummer) throw grantErrors.ownConsumerOrg();
  const consumer = claims.consumerOrg ?? client.organisasjonsnummer;
  const known = new Map(data.scopes.map((scope) => [scope.name, scope]));

  const invalid = claims.scopes.filter((scope) => !known.has(scope) || !client.scopes.includes(scope));
  if (invalid.length > 0) throw grantErrors.invalidScopes(invalid);
  const notForMaskinporten = claims.scopes.filter(
    (scope) => !known.get(scope)?.allowedIntegrationTypes.includes(client.integrationType),
  );
  if (notForMaskinporten.length > 0) throw grantErrors.scopesNotForMaskinporten(notForMaskinporten);

  const delegationSources = new Set<string>();
  for (const name of claims.scopes) {
    if (!data.granted.has(name)) throw grantErrors.notGranted(name, forbiddenStatus);
    if (supplier !== undefined) {
      const source = known.get(name)?.delegationSource;
      if (source === undefined || !data.delegated.has(name)) {
        throw grantErrors.notDelegated(consumer, name, supplier, forbiddenStatus);
      }
      delegationSources.add(source);
    }
  }
  return {
    maxAges: data.scopes.flatMap((scope) => (scope.atMaxAge === undefined ? [] : [scope.atMaxAge])),
    delegationSource: [...delegationSources][0],
  };
}

function organisation(orgno: string) {
  return { authority: 'iso6523-actorid-upis', ID: `${ICD_ORGANISASJONSNUMMER}:${orgno}` };
}

/** The documented access-token claims (reference §5); iat, exp and jti are added by the signer. */
function accessTokenClaims(
  config: TokenServiceConfig,
  client: GrantClient,
  claims: GrantClaims,
  amr: ClientAmr,
  delegationSource: string | undefined,
): JWTPayload {
  const aud = claims.resource ?? (config.audienceUnspecified ? 'unspecified' : undefined);
  return {
    ...(aud !== undefined && { aud }),
    scope: claims.scopes.join(' '),
    iss: config.issuer,
    client_amr: amr,
    token_type: 'Bearer',
    client_id: client.clientId,
    consumer: organisation(claims.consumerOrg ?? client.organisasjonsnummer),
    ...(claims.consumerOrg !== undefined && {
      supplier: organisation(client.organisasjonsnummer),
      delegation_source: delegationSource,
    }),
    ...(claims.pid !== undefined && { pid: claims.pid }),
    ...(claims.authorizationDetails !== undefined && { authorization_details: claims.authorizationDetails }),
  };
}
