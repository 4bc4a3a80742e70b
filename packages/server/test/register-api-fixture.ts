/**
 * The register API over a small generated population in a test database, with Maskinporten-shaped tokens
 * signed by an in-process test issuer and an in-memory audit log. Used by every register API test.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { FastifyInstance } from 'fastify';
import { packageById, type PackageId } from '@folkeport/model';
import { createTokenVerifier } from '../src/auth/token-verifier.js';
import { createRegisterApi, type RegisterAuditEntry, type RegisterRoutes } from '../src/register/api/register-api.js';
import { openRegisterStore, type RegisterStore } from '../src/register/register-store.js';
import type { NewPerson } from '../src/register/person-record.js';
import type { Database } from '../src/store/database.js';
import { generate, MANY_SPECIAL_CASES } from './generator-fixture.js';

export const TEST_ISSUER = 'http://maskinporten.test/';
export const CONSUMER_ORG = '974760673';
export const SUPPLIER_ORG = '991825827';

let issuerKey: Promise<{ privateKey: CryptoKey; jwk: JWK }> | undefined;

function testIssuerKey() {
  issuerKey ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: 'test-issuer', alg: 'RS256' } };
  })();
  return issuerKey;
}

/** A Maskinporten-shaped access token for `scope` (default: the package's scope), valid for two minutes. */
export async function tokenFor(
  scopeOrPackage: PackageId | string,
  options: { consumerOrg?: string; supplierOrg?: string; now?: number } = {},
): Promise<string> {
  const { privateKey } = await testIssuerKey();
  const scope = packageById(scopeOrPackage)?.scope ?? scopeOrPackage;
  const org = (orgno: string) => ({ authority: 'iso6523-actorid-upis', ID: `0192:${orgno}` });
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({
    aud: 'unspecified',
    scope,
    client_amr: 'private_key_jwt',
    token_type: 'Bearer',
    client_id: 'test-client',
    consumer: org(options.consumerOrg ?? CONSUMER_ORG),
    ...(options.supplierOrg !== undefined && { supplier: org(options.supplierOrg), delegation_source: 'https://tt02.altinn.no/' }),
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-issuer' })
    .setIssuer(TEST_ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 120)
    .setJti(randomUUID())
    .sign(privateKey);
}

/** A verifier that trusts the test issuer of {@link tokenFor}. */
export async function testVerifier() {
  const { jwk } = await testIssuerKey();
  return createTokenVerifier({ issuers: [{ issuer: TEST_ISSUER, jwks: async () => ({ keys: [jwk] }) }] });
}

/** The fixture population: 600 residents (plus the others), with the rare cases made common. */
let cachedPopulation: NewPerson[] | undefined;
export function registerPopulation(): NewPerson[] {
  cachedPopulation ??= generate({ persons: 600, seed: 424242, rates: MANY_SPECIAL_CASES, chunkSize: 1000 });
  return cachedPopulation;
}

/** Response bodies, read loosely in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseJson = any;

export interface RegisterApiFixture {
  app: FastifyInstance;
  register: RegisterStore;
  persons: NewPerson[];
  audit: RegisterAuditEntry[];
  /** GET/POST with a token for the package; `headers` adds or overrides (e.g. accept). */
  call(
    pkg: PackageId,
    method: 'GET' | 'POST' | 'HEAD',
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; token?: string },
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string; json(): ResponseJson }>;
}

/** The API with `routes`, the fixture population stored. */
export async function registerApi(
  db: Database,
  routes: readonly RegisterRoutes[],
  options: { requestsPerMinute?: number; clock?: () => number; persons?: NewPerson[] } = {},
): Promise<RegisterApiFixture> {
  const register = await openRegisterStore(db);
  const persons = options.persons ?? registerPopulation();
  await register.insertPersons(persons);
  const verifier = await testVerifier();
  const audit: RegisterAuditEntry[] = [];
  const app = createRegisterApi({
    db,
    register,
    verifier,
    routes,
    audit: async (entry) => {
      audit.push(entry);
    },
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.requestsPerMinute !== undefined && { requestsPerMinute: options.requestsPerMinute }),
  });
  const call: RegisterApiFixture['call'] = async (pkg, method, path, callOptions = {}) => {
    const prefix = packageById(pkg).pathPrefix;
    const token = callOptions.token ?? (await tokenFor(pkg));
    const response = await app.inject({
      method,
      url: `${prefix}${path}`,
      headers: { authorization: `Bearer ${token}`, ...callOptions.headers },
      ...(callOptions.body !== undefined && { payload: callOptions.body as object }),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body, json: () => response.json() };
  };
  return { app, register, persons, audit, call };
}
