/**
 * The gateway proxy end to end, over real HTTP: Folkeport's Maskinporten server (the vendor's client with
 * `ks:fiks`; the gateway operator's client with the FREG package scopes, and the municipalities' delegations to
 * the operator in its registry), the register over the generated fixture population, and the gateway with its
 * configuration store, all in one test database. Set up once per database for a whole suite.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { after, before, describe } from 'node:test';
import { exportJWK } from 'jose';
import { MaskinportenClient } from '@folkeport/client';
import { packageById } from '@folkeport/model';
import { createTokenVerifier, type TokenVerifier } from '../src/auth/token-verifier.js';
import type { NewRole, Organisation, Role } from '../src/gateway/gateway-model.js';
import { startGatewayService, type GatewayService, type GatewayServiceOptions } from '../src/gateway/gateway-service.js';
import { listen } from '../src/http/http-app.js';
import { openRegisterStore } from '../src/register/register-store.js';
import { startRegisterService, type RegisterService } from '../src/register/register-service.js';
import type { NewPerson } from '../src/register/person-record.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { throwAwayDataDir, throwAwayPostgres, type DatabaseKind, type ThrowAway } from './databases.js';
import { CLIENT_ORG, CONSUMER_ORG, FIKS_SCOPE, OTHER_ORG, setUp, testKeys, type Fixture } from './maskinporten-fixture.js';
import { registerPopulation } from './register-api-fixture.js';

export const ADMIN_TOKEN = 'gateway-admin-credential';
/** The vendor whose Maskinporten client calls the gateway (the integrations' authorised organisation). */
export const VENDOR_ORG = CLIENT_ORG;
/** The gateway operator (KS), to which the municipalities delegate the FREG scopes. */
export const OPERATOR_ORG = '971032146';
export const OSLO_ORG = CONSUMER_ORG;
export const BERGEN_ORG = OTHER_ORG;
/** A municipality that has not delegated anything to the operator. */
export const TRONDHEIM_ORG = '942110464';
/** An organisation that is not the integrations' authorised organisation. */
export const STRANGER_ORG = '910825526';

const OMH = packageById('offentligMedHjemmel');
const OUH = packageById('offentligUtenHjemmel');

// Response bodies, read loosely in tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): Json;
}

export interface CallOptions {
  /** Default: the Oslo integration with a vendor token. */
  integration?: { id: string; password: string } | null;
  token?: string | null;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GatewayWorld {
  db: Database;
  kind: DatabaseKind;
  persons: NewPerson[];
  mp: Fixture;
  mpUrl: string;
  registerUrl: string;
  register: RegisterService;
  gateway: GatewayService;
  gatewayUrl: string;
  operator: MaskinportenClient;
  verifier: TokenVerifier;
  organisations: { oslo: Organisation; bergen: Organisation; trondheim: Organisation };
  roles: { full: Role; narrow: Role; uten: Role; vis: Role; bergen: Role; trondheim: Role };
  integrations: { oslo: { id: string; password: string }; bergen: { id: string; password: string }; trondheim: { id: string; password: string } };
  /** A `ks:fiks` token of the vendor (default) or of another organisation. */
  vendorToken(orgnr?: string): Promise<string>;
  /** One request with a raw path, as sent (no normalisation of `..` or `%2F`). */
  call(method: string, path: string, options?: CallOptions, base?: string): Promise<Answer>;
  /** `call` under `/folkeregister/api/v1/{roleId}/v1/`. */
  proxy(roleId: string, method: string, fregPath: string, options?: CallOptions): Promise<Answer>;
  /** Another gateway on the same database, e.g. with another upstream. */
  startGateway(options: Partial<GatewayServiceOptions>): Promise<{ service: GatewayService; url: string }>;
}

/** A new role in Oslo (or another organisation), granted to that organisation's integration. */
export function baseRole(overrides: Partial<NewRole> = {}): NewRole {
  return {
    navn: `Rolle ${randomUUID().slice(0, 8)}`,
    tjenesteOmrade: 'BARNEVERN',
    bruksomrader: ['SOK', 'HENDELSER', 'INNBYGGERLISTER'],
    dataminimering: { parts: ['person-basis', 'historikk', 'relasjon-utvidet', 'identitetsgrunnlag-utvidet'], opplysninger: [] },
    kanHenteTaushetsbelagtInfo: true,
    kanBrukesPaSokeside: false,
    ...overrides,
  };
}

/** `describe` once per database kind, with the world set up before the suite's tests and torn down after. */
export function describeGateway(title: string, body: (world: () => GatewayWorld) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    describe(`${title} (${kind})`, () => {
      let world: GatewayWorld | undefined;
      let teardown: (() => Promise<void>) | undefined;
      before(async () => {
        ({ world, teardown } = await setUpWorld(kind));
      });
      after(async () => teardown?.());
      body(() => {
        if (!world) throw new Error('the gateway world is not set up');
        return world;
      });
    });
  }
}

async function setUpWorld(kind: DatabaseKind): Promise<{ world: GatewayWorld; teardown: () => Promise<void> }> {
  const throwAway: ThrowAway = kind === 'pglite' ? throwAwayDataDir() : await throwAwayPostgres();
  const db = await openDatabase(throwAway.options);
  const closers: (() => Promise<unknown> | void)[] = [];

  // Maskinporten, over HTTP so the operator's client and the verifiers use it as they would the real one.
  const mp = await setUp(db, { clock: Date.now });
  const mpUrl = await listen(mp.server.app, 0);
  mp.server.setIssuer(mpUrl);
  closers.push(() => mp.server.app.close());
  const admin = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const answer = await mp.admin(method, url, payload);
    if (answer.status >= 300) throw new Error(`Maskinporten admin ${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body as Json;
  };
  const access = (orgnr: string, scope: string) => admin('PUT', `/scopes/access/${orgnr}?scope=${encodeURIComponent(scope)}`);
  await admin('POST', '/scopes', { name: OUH.scope, owner_orgno: '974761076', delegation_source: 'https://tt02.altinn.no/' });
  await access(VENDOR_ORG, FIKS_SCOPE);
  const keys = await testKeys();
  const operatorKey = keys[2] as (typeof keys)[number];
  const operatorClient = await admin('POST', '/clients', { client_name: 'KS Fiks', client_orgno: OPERATOR_ORG, scopes: [OMH.scope, OUH.scope] });
  const operatorKid = `kid-${randomUUID()}`;
  await admin('POST', `/clients/${operatorClient.client_id}/jwks`, { keys: [{ ...operatorKey.publicJwk, kid: operatorKid, alg: 'RS256', use: 'sig' }] });
  for (const municipality of [OSLO_ORG, BERGEN_ORG, TRONDHEIM_ORG]) {
    for (const scope of [OMH.scope, OUH.scope]) {
      await access(municipality, scope);
      if (municipality !== TRONDHEIM_ORG) await admin('POST', '/delegations', { consumer_org: municipality, supplier_org: OPERATOR_ORG, scope });
    }
  }
  const operator = new MaskinportenClient({
    environment: { issuer: mpUrl },
    clientId: operatorClient.client_id as string,
    key: { jwk: { ...(await exportJWK(operatorKey.privateKey)), kid: operatorKid, alg: 'RS256' } },
    retries: 0,
  });
  const verifier = createTokenVerifier({ issuers: [{ issuer: mpUrl, jwksUri: `${mpUrl}jwk` }] });

  const vendors = new Map<string, { clientId: string; kid: string }>([[VENDOR_ORG, { clientId: mp.clientId, kid: mp.kid }]]);
  const vendorToken = async (orgnr: string = VENDOR_ORG) => {
    let vendor = vendors.get(orgnr);
    if (!vendor) {
      const client = await admin('POST', '/clients', { client_name: `Vendor ${orgnr}`, client_orgno: orgnr, scopes: [FIKS_SCOPE] });
      const kid = `kid-${randomUUID()}`;
      await admin('POST', `/clients/${client.client_id}/jwks`, { keys: [{ ...mp.key.publicJwk, kid, alg: 'RS256', use: 'sig' }] });
      await access(orgnr, FIKS_SCOPE);
      vendor = { clientId: client.client_id as string, kid };
      vendors.set(orgnr, vendor);
    }
    const answer = await mp.token(await mp.grant({ iss: vendor.clientId, scope: FIKS_SCOPE }, { kid: vendor.kid }));
    if (answer.status !== 200) throw new Error(`no vendor token: ${JSON.stringify(answer.body)}`);
    return answer.body.access_token as string;
  };

  // The register over the fixture population.
  const persons = registerPopulation();
  await (await openRegisterStore(db)).insertPersons(persons);
  const register = await startRegisterService({ db, verifier, adminToken: 'register-admin', feedIntervalMs: 60_000 });
  await register.ready();
  const registerUrl = await listen(register.app, 0);
  closers.push(() => register.close());

  const startGateway = async (options: Partial<GatewayServiceOptions>) => {
    const service = await startGatewayService({
      db,
      verifier,
      upstream: { baseUrl: registerUrl, maskinporten: operator },
      adminToken: ADMIN_TOKEN,
      ...options,
    });
    const url = await listen(service.app, 0);
    closers.push(() => service.close());
    return { service, url };
  };
  const { service: gateway, url: gatewayUrl } = await startGateway({});

  // Configuration: three municipalities, each with an integration authorised for the vendor.
  const store = gateway.store;
  const oslo = await store.createOrganisation({ orgnr: OSLO_ORG, navn: 'Oslo kommune', kommunenummer: '0301' });
  const bergen = await store.createOrganisation({ orgnr: BERGEN_ORG, navn: 'Bergen kommune', kommunenummer: '4601' });
  const trondheim = await store.createOrganisation({ orgnr: TRONDHEIM_ORG, navn: 'Trondheim kommune', kommunenummer: '5001' });
  const integration = async (organisation: Organisation) => {
    const created = await store.createIntegration({ fiksOrgId: organisation.fiksOrgId, navn: 'Fagsystem', autorisertOrgnr: VENDOR_ORG });
    return { id: created.integration.id, password: created.password };
  };
  const integrations = { oslo: await integration(oslo), bergen: await integration(bergen), trondheim: await integration(trondheim) };
  const role = async (organisation: Organisation, aktor: string, input: NewRole) => {
    const created = await store.createRole(organisation.fiksOrgId, input);
    await store.grant(organisation.fiksOrgId, created.id, aktor);
    return created;
  };
  const roles = {
    full: await role(oslo, integrations.oslo.id, baseRole()),
    narrow: await role(oslo, integrations.oslo.id, baseRole({ dataminimering: { parts: [], opplysninger: ['identifikasjonsnummer', 'navn', 'bostedsadresse', 'postadresse'] } })),
    uten: await role(oslo, integrations.oslo.id, baseRole({ tjenesteOmrade: 'OPPVEKST', kanHenteTaushetsbelagtInfo: false, dataminimering: { parts: ['person-basis'], opplysninger: [] } })),
    vis: await role(oslo, integrations.oslo.id, baseRole({ gradertAdresse: 'vis' })),
    bergen: await role(bergen, integrations.bergen.id, baseRole()),
    trondheim: await role(trondheim, integrations.trondheim.id, baseRole()),
  };

  const defaultToken = await vendorToken();
  const call: GatewayWorld['call'] = async (method, path, options = {}, base = gatewayUrl) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.token === undefined ? defaultToken : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const integration = options.integration === undefined ? integrations.oslo : options.integration;
    if (integration !== null) {
      headers.IntegrasjonId = integration.id;
      headers.IntegrasjonPassord = integration.password;
    }
    const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    const url = new URL(base);
    return new Promise<Answer>((resolve, reject) => {
      const request = http.request({ hostname: url.hostname, port: url.port, path, method, headers, agent: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text, json: () => JSON.parse(text) as Json }),
        );
      });
      request.on('error', reject);
      request.end(payload);
    });
  };
  const proxy: GatewayWorld['proxy'] = (roleId, method, fregPath, options) =>
    call(method, `/folkeregister/api/v1/${roleId}/v1/${fregPath}`, options);

  const world: GatewayWorld = {
    db,
    kind,
    persons,
    mp,
    mpUrl,
    registerUrl,
    register,
    gateway,
    gatewayUrl,
    operator,
    verifier,
    organisations: { oslo, bergen, trondheim },
    roles,
    integrations,
    vendorToken,
    call,
    proxy,
    startGateway,
  };
  return {
    world,
    teardown: async () => {
      for (const close of closers.reverse()) await close();
      await db.close();
      await throwAway.remove();
    },
  };
}
