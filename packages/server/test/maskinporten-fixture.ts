/**
 * A Maskinporten server over a test database with one registered client, signed grants and a settable
 * clock, for the token-endpoint and admin tests.
 */
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { CompactSign, exportJWK, type JWK } from 'jose';
import type { Database } from '../src/store/database.js';
import { openMaskinportenStore, type MaskinportenStore } from '../src/maskinporten/maskinporten-store.js';
import { createMaskinportenServer, type MaskinportenServer, type MaskinportenServerOptions } from '../src/maskinporten/maskinporten-server.js';

export const ISSUER = 'http://maskinporten.test/';
export const ADMIN_TOKEN = 'test-admin-credential';
export const CLIENT_ORG = '991825827';
export const CONSUMER_ORG = '974760673';
export const OTHER_ORG = '889640782';
export const FREG_SCOPE = 'folkeregister:deling/offentligmedhjemmel';
export const FIKS_SCOPE = 'ks:fiks';
export const DELEGATION_SOURCE = 'https://tt02.altinn.no/';
export const START = Date.parse('2026-11-22T10:00:00Z');

export interface KeyPair {
  /** A KeyObject, so one key can sign with RS256, RS384 and RS512. */
  privateKey: KeyObject;
  publicJwk: JWK;
}

let sharedKeys: Promise<KeyPair[]> | undefined;

/** Three RSA key pairs, generated once per test process. */
export function testKeys(): Promise<KeyPair[]> {
  sharedKeys ??= Promise.all(
    [0, 1, 2].map(async () => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return { privateKey, publicJwk: await exportJWK(publicKey) };
    }),
  );
  return sharedKeys;
}

/** Admin API answers, read loosely in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AdminBody = any;

export interface Fixture {
  server: MaskinportenServer;
  store: MaskinportenStore;
  clientId: string;
  kid: string;
  key: KeyPair;
  otherKey: KeyPair;
  /** The test clock, in ms (unless the options bring their own clock). */
  now: { value: number };
  /** A grant signed by the client's key, with claims and header overridden (undefined removes one). */
  grant(claims?: Record<string, unknown>, header?: Record<string, unknown>, signer?: KeyObject): Promise<string>;
  token(assertion: string, extraForm?: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  admin(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<{ status: number; body: AdminBody }>;
}

/** Scope FREG_SCOPE (delegable) granted to CLIENT_ORG; one client of CLIENT_ORG with one registered key. */
export async function setUp(db: Database, options: Partial<MaskinportenServerOptions> = {}): Promise<Fixture> {
  const store = await openMaskinportenStore(db);
  const now = { value: START };
  const clock = options.clock ?? (() => now.value);
  const server = createMaskinportenServer({ store, issuer: ISSUER, adminToken: ADMIN_TOKEN, ...options, clock });
  const [key, otherKey] = (await testKeys()) as [KeyPair, KeyPair];
  const admin: Fixture['admin'] = async (method, url, payload) => {
    const response = await server.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      ...(payload !== undefined && { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  await admin('POST', '/scopes', { name: FREG_SCOPE, owner_orgno: '974761076', delegation_source: DELEGATION_SOURCE });
  await admin('POST', '/scopes', { name: FIKS_SCOPE, owner_orgno: '971032146' });
  await admin('PUT', `/scopes/access/${CLIENT_ORG}?scope=${encodeURIComponent(FREG_SCOPE)}`);
  const created = await admin('POST', '/clients', { client_name: 'Vendor', client_orgno: CLIENT_ORG, scopes: [FREG_SCOPE, FIKS_SCOPE] });
  const clientId = created.body.client_id as string;
  const kid = `kid-${randomUUID()}`;
  await admin('POST', `/clients/${clientId}/jwks`, { keys: [{ ...key.publicJwk, kid, alg: 'RS256', use: 'sig' }] });

  const grant: Fixture['grant'] = async (claims = {}, header = {}, signer = key.privateKey) => {
    const iat = Math.floor(clock() / 1000);
    const payload = { aud: server.issuer(), iss: clientId, scope: FREG_SCOPE, iat, exp: iat + 60, jti: randomUUID(), ...claims };
    const protectedHeader = { alg: 'RS256', kid, ...header };
    const drop = (object: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
    return new CompactSign(new TextEncoder().encode(JSON.stringify(drop(payload))))
      .setProtectedHeader(drop(protectedHeader) as { alg: string })
      .sign(signer);
  };
  const token: Fixture['token'] = async (assertion, extraForm = {}) => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, ...extraForm }).toString(),
    });
    return { status: response.statusCode, body: response.json() };
  };
  return { server, store, clientId, kid, key, otherKey, now, grant, token, admin };
}

/** The MP code at the start of an error description. */
export function mpCode(body: Record<string, unknown>): string | undefined {
  return /^(MP-\d+)/.exec(String(body.error_description))?.[1];
}
