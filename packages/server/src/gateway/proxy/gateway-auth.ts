/**
 * Authentication exactly as Fiks does it (reference fiks-folkeregister.md §2.5, §3.1): a Maskinporten token with
 * scope `ks:fiks` (`Authorization: Bearer`), the integration's id and password (`IntegrasjonId`,
 * `IntegrasjonPassord`; header names in any case), the token's consumer organisation equal to the integration's
 * authorised organisation, and a grant for the integration on the role in the URL.
 *
 * The integration, its password hash and the role are read in one store query, alongside the token check. A
 * slow hash per request would cap the gateway at a few dozen requests per second per core, so successful checks
 * are remembered per stored hash (as an HMAC of the password under a key that lives only in this process): a
 * new password has a new hash, so the old password stops working at once. A failed check is never cached, and
 * every refusal — unknown integration, wrong organisation, wrong password — costs one slow hash, so timing does
 * not tell them apart either. Slow hashes that fail count against the token's Maskinporten client
 * (failed-logins.ts); a client over its limit gets 429 for every password not already verified.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { TokenRejectedError, scopeCovers, type TokenVerifier, type VerifiedToken } from '../../auth/token-verifier.js';
import { byClient, type FailedLogins } from '../failed-logins.js';
import type { GatewayStore, Integration, Organisation, Role } from '../gateway-model.js';
import { ProxyError } from './proxy-error.js';

export const FIKS_SCOPE = 'ks:fiks';

export const TOKEN_NOT_VALIDATED = 'Klarte ikke å validere access_token';

export interface PasswordHashing {
  verify(password: string, hash: string): Promise<boolean>;
  hash(password: string): Promise<string>;
}

export interface GatewayAuthOptions {
  verifier: TokenVerifier;
  store: Pick<GatewayStore, 'proxyAccess'>;
  passwords: PasswordHashing;
  /** Counts the slow checks that fail, per Maskinporten client. */
  failedLogins: FailedLogins;
  /** Successful password checks remembered; default 10 000. */
  cacheSize?: number;
}

export interface Authenticated {
  token: VerifiedToken;
  integration: Integration;
  role: Role;
  /** The role's (and the integration's) organisation. */
  organisation: Organisation;
}

export interface GatewayAuth {
  /** The caller and the role, or a ProxyError 401/403. */
  authenticate(headers: IncomingHttpHeaders, roleId: string): Promise<Authenticated>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createGatewayAuth(options: GatewayAuthOptions): GatewayAuth {
  const cacheSize = options.cacheSize ?? 10_000;
  const hmacKey = randomBytes(32);
  /** Stored hash → HMAC of the password that matched it. */
  const verified = new Map<string, Buffer>();
  /** Checks under way, so concurrent first requests of one client and integration share one slow hash. */
  const pending = new Map<string, Promise<boolean>>();
  let decoy: Promise<string> | undefined;

  const fingerprint = (password: string) => createHmac('sha256', hmacKey).update(password).digest();

  async function passwordMatches(client: string, password: string, hash: string): Promise<boolean> {
    const print = fingerprint(password);
    const known = verified.get(hash);
    if (known !== undefined && timingSafeEqual(known, print)) return true;
    const key = `${client}\u0000${hash}\u0000${print.toString('base64')}`;
    let check = pending.get(key);
    if (check === undefined) {
      check = options.failedLogins.check(client, () => options.passwords.verify(password, hash)).finally(() => pending.delete(key));
      pending.set(key, check);
    }
    const ok = await check;
    if (ok) {
      verified.delete(hash);
      if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
      verified.set(hash, print);
    }
    return ok;
  }

  /** One slow hash that never matches: what a refusal costs, whatever the reason. */
  async function refuse(client: string, password: string, integrationId: string): Promise<never> {
    decoy ??= options.passwords.hash(randomUUID());
    const stored = await decoy;
    await options.failedLogins.check(client, () => options.passwords.verify(password, stored));
    throw integrationFailed(integrationId);
  }

  return {
    async authenticate(headers, roleId) {
      const integrationId = header(headers, 'integrasjonid');
      const password = header(headers, 'integrasjonpassord');
      const knownShape = integrationId !== undefined && UUID.test(integrationId);
      // The store read runs while the token is checked.
      const access = knownShape ? options.store.proxyAccess(integrationId.toLowerCase(), roleId) : undefined;
      access?.catch(() => undefined); // awaited below; a token failure must not leave it unhandled
      const token = await verifyToken(options.verifier, header(headers, 'authorization'));
      if (!knownShape || password === undefined) throw integrationFailed(knownShape ? integrationId : undefined);

      // The token is all that is known of the caller at this point.
      const client = byClient(token);
      const found = await access;
      if (found === undefined || found.integration.autorisertOrgnr !== token.consumerOrg) {
        return refuse(client, password, integrationId);
      }
      if (!(await passwordMatches(client, password, found.passwordHash))) throw integrationFailed(integrationId);

      const { integration, role, organisation } = found;
      if (role === undefined || organisation === undefined || role.fiksOrgId !== integration.fiksOrgId) {
        throw new ProxyError(403, 'INGEN_TILGANG_TIL_ROLLE', `Integrasjonen har ikke tilgang til rollen ${roleId}.`);
      }
      return { token, integration, role, organisation };
    },
  };
}

async function verifyToken(verifier: TokenVerifier, authorization: string | undefined): Promise<VerifiedToken> {
  let token: VerifiedToken;
  try {
    token = await verifier.verify(authorization);
  } catch (error) {
    if (error instanceof TokenRejectedError) {
      throw new ProxyError(401, 'UGYLDIG_TOKEN', TOKEN_NOT_VALIDATED, { 'www-authenticate': error.wwwAuthenticate });
    }
    throw error;
  }
  if (!scopeCovers(token, FIKS_SCOPE)) {
    throw new ProxyError(401, 'UGYLDIG_TOKEN', TOKEN_NOT_VALIDATED, {
      'www-authenticate': `Bearer realm="folkeport", error="insufficient_scope", scope="${FIKS_SCOPE}"`,
    });
  }
  return token;
}

/** Fiks' message; it never says whether the id, the password or the organisation was wrong. */
function integrationFailed(integrationId: string | undefined): ProxyError {
  return new ProxyError(
    401,
    'AUTENTISERING_FEILET',
    `Autentisering feilet for integrasjon med id ${integrationId ?? '(mangler eller er ikke en UUID)'}`,
  );
}

/** One header value (Node lower-cases names); a repeated header is refused as absent. */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
