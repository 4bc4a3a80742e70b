/**
 * The gateway's configuration API after KS' folkeregister-konfigurasjon-api v3 (SPEC-konfig-v3; reference
 * fiks-folkeregister.md §4.2, §5.5): roles, grants (v1 shape), catalogues, the `verifiser` self-test and the access
 * reports, plus Folkeport's additions for organisations and integrations, which have no public Fiks API.
 *
 * Every route needs a bearer credential: the operator's admin token (everything), or an organisation's own admin
 * credential, `<fiksOrgId>.<secret>`, valid only for that organisation; wrong ones count as failed logins per
 * address (failed-logins.ts). Every answer after authentication is audited before it is sent (config-audit.ts).
 * Refusals are Fiks ErrorMessage bodies. docs/gateway.md documents every route and choice.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { PartAlias, PersonElement } from '@folkeport/model';
import type { AuditEntry } from '../audit/audit-entry.js';
import { credentialMatches } from '../maskinporten/admin-credential.js';
import {
  BRUKSOMRADE_CATALOGUE,
  LOVHJEMMEL_CATALOGUE,
  OPPLYSNING_CATALOGUE,
  PART_CATALOGUE,
  TJENESTEOMRADE_CATALOGUE,
  opplysning,
  part,
  tjenesteomrade,
} from './catalogues.js';
import { configAuditEntry, type Principal } from './config-audit.js';
import { byAddress, type FailedLogins } from './failed-logins.js';
import { FiksError, fiksErrorBody, fiksErrorHandler } from './fiks-error.js';
import type { Integration, NewRole, Organisation, Role, RoleChange } from './gateway-model.js';
import { GatewayConfigError, isPersonAktor, isUuid, type GatewayConfigStore } from './gateway-store.js';

export const CONFIG_PREFIX = '/folkeregister/api/v3/konfigurasjon';

export interface ConfigRoutesOptions {
  store: GatewayConfigStore;
  /** The operator's admin token; undefined: only organisations' own credentials are accepted. */
  adminToken: string | undefined;
  /** Counts organisation credentials that fail their (slow) check, per client address. */
  failedLogins: FailedLogins;
  /** Appends to the audit log; resolves once stored (config-audit.ts). */
  audit: (entry: AuditEntry) => Promise<void>;
  /** The audit entries' clock; default the system clock. */
  clock?: () => number;
}

// ── schemas ──────────────────────────────────────────────────────────────────────────────────────────────────
// Structure only: types, required fields, sizes. The store checks values (names, enums, packages) and refuses
// with a Norwegian message and an errorCode.

const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const Text = (maxLength: number) => Type.String({ maxLength });
const Named = Type.Object({ navn: Text(400) }, { additionalProperties: false });
const strict = <T extends Record<string, TSchema>>(properties: T) => Type.Object(properties, { additionalProperties: false });

const DataminimeringInput = strict({
  parts: Type.Optional(Type.Array(Named, { maxItems: 50 })),
  opplysninger: Type.Array(Named, { maxItems: 100 }),
});
const GyldighetInput = strict({
  api: Type.Optional(Type.Boolean()),
  soekWeb: Type.Optional(Type.Boolean()),
  uttrekkWeb: Type.Optional(Type.Boolean()),
  asynkron: Type.Optional(Type.Boolean()),
});
/** Folkeport's additions to the v3 role bodies. */
const RoleExtensions = {
  gyldighet: Type.Optional(GyldighetInput),
  gradertAdresse: Type.Optional(Type.String({ maxLength: 20 })),
};
const OpprettRolle = strict({
  navn: Text(400),
  beskrivelse: Type.Optional(Text(1000)),
  tjenesteOmrade: Text(100),
  dataminimering: DataminimeringInput,
  bruksomrader: Type.Array(Text(100), { maxItems: 10 }),
  tagger: Type.Optional(Type.Array(Named, { maxItems: 50 })),
  kanBrukesPaSokeside: Type.Boolean(),
  kanHenteTaushetsbelagtInfo: Type.Boolean(),
  tilganger: Type.Optional(strict({ aktorer: Type.Array(Text(100), { minItems: 1, maxItems: 1000, uniqueItems: true }) })),
  id: Type.Optional(Uuid),
  ...RoleExtensions,
});
const OppdaterRolle = strict({
  navn: Type.Optional(Text(400)),
  beskrivelse: Type.Optional(Text(1000)),
  dataminimering: Type.Optional(DataminimeringInput),
  kanBrukesPaSokeside: Type.Optional(Type.Boolean()),
  bruksomrader: Type.Optional(Type.Array(Text(100), { maxItems: 10 })),
  tagger: Type.Optional(Type.Array(Named, { maxItems: 50 })),
  ...RoleExtensions,
});
const LeggTilTilgang = strict({ aktor: Text(100) });
const SjekkRequest = strict({ fiksOrgId: Uuid, rolleId: Type.Optional(Uuid) });
const NyOrganisasjon = strict({
  fiksOrgId: Type.Optional(Uuid),
  orgnr: Text(20),
  navn: Text(400),
  kommunenummer: Text(10),
});
const NyIntegrasjon = strict({
  id: Type.Optional(Uuid),
  navn: Text(400),
  beskrivelse: Type.Optional(Text(1000)),
  autorisertOrgnr: Text(20),
});

const OrgParams = strict({ fiksOrgId: Uuid });
const RoleParams = strict({ fiksOrgId: Uuid, rolleId: Uuid });
const TagParams = strict({ fiksOrgId: Uuid, rolleId: Uuid, tagg: Text(100) });
const AktorParams = strict({ fiksOrgId: Uuid, rolleId: Uuid, aktor: Text(100) });
const IntegrationParams = strict({ fiksOrgId: Uuid, integrasjonId: Uuid });
const ReportParams = strict({ fil: Type.String({ pattern: '^[0-9a-fA-F-]{36}\\.(json|csv)$' }) });

// ── authentication ───────────────────────────────────────────────────────────────────────────────────────────

const REALM = { 'WWW-Authenticate': 'Bearer realm="folkeport-gateway-admin"' };

declare module 'fastify' {
  interface FastifyRequest {
    gatewayPrincipal?: Principal;
  }
}

async function authenticate(request: FastifyRequest, options: ConfigRoutesOptions): Promise<Principal> {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer (\S+)$/.exec(header)?.[1];
  if (token !== undefined) {
    if (options.adminToken && credentialMatches(token, options.adminToken)) return { kind: 'operator' };
    const fiksOrgId = token.slice(0, 36);
    const matches = () => options.store.adminCredentialMatches(fiksOrgId, token);
    if (token[36] === '.' && isUuid(fiksOrgId) && (await options.failedLogins.check(byAddress(request), matches))) {
      return { kind: 'organisation', fiksOrgId: fiksOrgId.toLowerCase() };
    }
  }
  throw new FiksError(
    401,
    'Ikke tilgang: konfigurasjons-API-et krever operatørens admin-nøkkel eller organisasjonens admin-nøkkel som bearer-token.',
    'IKKE_AUTENTISERT',
    REALM,
  );
}

function principal(request: FastifyRequest): Principal {
  const found = request.gatewayPrincipal;
  if (!found) throw new Error('route registered without authentication');
  return found;
}

/** An organisation's credential opens its own organisation only; others are refused alike, existing or not. */
function authorise(request: FastifyRequest, fiksOrgId: string): void {
  const who = principal(request);
  if (who.kind === 'organisation' && who.fiksOrgId !== fiksOrgId.toLowerCase()) {
    throw new FiksError(403, 'Ikke tilgang til organisasjonen.', 'IKKE_TILGANG');
  }
}

function operatorOnly(request: FastifyRequest): void {
  if (principal(request).kind !== 'operator') throw new FiksError(403, 'Bare operatøren har tilgang.', 'IKKE_TILGANG');
}

// ── JSON shapes ──────────────────────────────────────────────────────────────────────────────────────────────

function roleJson(role: Role, grants: { integrasjoner: string[]; personer: string[] }) {
  return {
    id: role.id,
    navn: role.navn,
    ...(role.beskrivelse === undefined ? {} : { beskrivelse: role.beskrivelse }),
    fiksOrgId: role.fiksOrgId,
    // Folkeport has no separate authorisation service: the role's own id stands in.
    autorisasjonRolleId: role.id,
    privilegium: 'FOLKEREGISTER_ROLLE',
    tjenesteOmrade: tjenesteomrade(role.tjenesteOmrade),
    bruksomrader: { bruksomrader: BRUKSOMRADE_CATALOGUE.filter((b) => role.bruksomrader.includes(b.navn)) },
    dataminimering: {
      parts: role.dataminimering.parts.map((navn) => part(navn as PartAlias, role.pakke)),
      opplysninger: role.dataminimering.opplysninger.map((navn) => opplysning(navn as PersonElement)),
    },
    aktiv: role.aktiv,
    tagger: role.tagger.map((navn) => ({ navn })),
    antallPersoner: grants.personer.length,
    antallIntegrasjoner: grants.integrasjoner.length,
    antallEksterneBrukere: 0,
    antallEksterneGrupper: 0,
    datoOpprettet: role.datoOpprettet.toISOString(),
    gyldighet: role.gyldighet,
    kanBrukesPaSokeside: role.kanBrukesPaSokeside,
    kanHenteTaushetsbelagtInfo: role.kanHenteTaushetsbelagtInfo,
    // Folkeport additions.
    gradertAdresse: role.gradertAdresse,
    pakke: role.pakke,
  };
}

const integrationJson = (integration: Integration) => ({ ...integration, opprettet: integration.opprettet.toISOString() });

const tilgangListe = (grants: { integrasjoner: string[]; personer: string[] }) => ({
  integrasjoner: grants.integrasjoner,
  personer: grants.personer,
  eksterneBrukere: [] as string[],
  eksterneGrupper: [] as string[],
});

const names = (items: readonly { navn: string }[] | undefined) => (items ?? []).map((item) => item.navn);

type RoleBody = Static<typeof OppdaterRolle>;

/** The v3 body's `[{navn}]` lists as the model's string lists; fields left out stay out. */
function roleChange(body: RoleBody): RoleChange {
  const change: RoleChange = {};
  if (body.navn !== undefined) change.navn = body.navn;
  if (body.beskrivelse !== undefined) change.beskrivelse = body.beskrivelse;
  if (body.bruksomrader !== undefined) change.bruksomrader = body.bruksomrader as RoleChange['bruksomrader'];
  if (body.dataminimering !== undefined) {
    change.dataminimering = { parts: names(body.dataminimering.parts), opplysninger: names(body.dataminimering.opplysninger) };
  }
  if (body.kanBrukesPaSokeside !== undefined) change.kanBrukesPaSokeside = body.kanBrukesPaSokeside;
  if (body.gyldighet !== undefined) change.gyldighet = body.gyldighet;
  if (body.gradertAdresse !== undefined) change.gradertAdresse = body.gradertAdresse as RoleChange['gradertAdresse'];
  if (body.tagger !== undefined) change.tagger = names(body.tagger);
  return change;
}

/** CSV cell: quoted, quotes doubled, and a leading = + - @ defused so spreadsheets do not run it as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

// ── audit ────────────────────────────────────────────────────────────────────────────────────────────────────

/** The catalogues, by route. They hold nothing of any organisation: reading them is not audited. */
const CATALOGUES: Record<string, unknown> = {
  '/tjenesteomrader': { omrader: TJENESTEOMRADE_CATALOGUE },
  '/bruksomrader': { bruksomrader: BRUKSOMRADE_CATALOGUE },
  '/parts': { parts: PART_CATALOGUE, opplysninger: OPPLYSNING_CATALOGUE },
  '/lovhjemler': { lovhjemler: LOVHJEMMEL_CATALOGUE },
};

async function auditAnswer(request: FastifyRequest, status: number, payload: unknown, options: ConfigRoutesOptions): Promise<void> {
  const principal = request.gatewayPrincipal;
  const registered = request.routeOptions.url;
  // Refused before authentication, no such route, or a HEAD (which delivers nothing).
  if (!principal || registered === undefined || request.method === 'HEAD') return;
  const route = registered.slice(CONFIG_PREFIX.length);
  if (route in CATALOGUES) return;
  const params = { ...(request.params as Record<string, string>) };
  const answer = jsonOf(payload);
  // An organisation's credential is logged in its own log; what the operator does, in the log of the organisation
  // it names (for a new organisation: the one created).
  const fiksOrgId =
    principal.kind === 'organisation'
      ? principal.fiksOrgId
      : (params.fiksOrgId ?? (status === 201 ? stringAt(answer, 'organisasjon', 'fiksOrgId') : undefined))?.toLowerCase();
  const found = fiksOrgId === undefined ? undefined : await options.store.getOrganisation(fiksOrgId);
  const errorId = status >= 400 ? stringAt(answer, 'errorId') : undefined;
  await options.audit(
    configAuditEntry({
      time: new Date((options.clock ?? Date.now)()),
      principal,
      method: request.method,
      route,
      params,
      status,
      organisation: fiksOrgId === undefined ? undefined : { fiksOrgId, orgnr: found?.orgnr ?? '' },
      ...(errorId !== undefined && { errorId }),
    }),
  );
}

/** The answer's JSON, when it is JSON text. */
function jsonOf(payload: unknown): unknown {
  if (typeof payload !== 'string') return undefined;
  try {
    return JSON.parse(payload);
  } catch {
    return undefined; // CSV reports
  }
}

/** The string at a path into a JSON value, if there is one. */
function stringAt(value: unknown, ...path: string[]): string | undefined {
  let at = value;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' ? at : undefined;
}

// ── routes ───────────────────────────────────────────────────────────────────────────────────────────────────

export function registerConfigRoutes(app: FastifyInstance, options: ConfigRoutesOptions): void {
  const { store } = options;

  void app.register(
    async (api) => {
      api.setErrorHandler(fiksErrorHandler);
      // Before the body is read: an unauthenticated request never gets as far as a 413 or a schema error.
      api.addHook('onRequest', async (request) => {
        request.gatewayPrincipal = await authenticate(request, options);
      });
      // Every answer to an authenticated request is audited before it is sent; one that cannot be is not sent.
      api.addHook('onSend', async (request, reply, payload) => {
        try {
          await auditAnswer(request, reply.statusCode, payload, options);
          return payload;
        } catch (error) {
          request.log.error({ err: error }, 'gateway: a configuration request could not be audited');
          reply.code(500).type('application/json; charset=utf-8');
          return JSON.stringify(fiksErrorBody(500, 'Forespørselen kunne ikke loggføres. Sjekk om en endring likevel er gjort.', request.url));
        }
      });

      /** Runs store work, turning a GatewayConfigError into a 400 / 404 / 409 with its code. */
      const attempt = async <T>(work: () => Promise<T>): Promise<T> => {
        try {
          return await work();
        } catch (error) {
          if (!(error instanceof GatewayConfigError)) throw error;
          const status = error.code === 'UKJENT_ORGANISASJON' ? 404 : error.code === 'FINNES_ALLEREDE' ? 409 : 400;
          throw new FiksError(status, error.message, error.code);
        }
      };

      const organisation = async (request: FastifyRequest, fiksOrgId: string): Promise<Organisation> => {
        authorise(request, fiksOrgId);
        const found = await store.getOrganisation(fiksOrgId);
        if (!found) throw new FiksError(404, 'Fant ikke organisasjonen.', 'UKJENT_ORGANISASJON');
        return found;
      };

      const role = async (request: FastifyRequest, params: { fiksOrgId: string; rolleId: string }): Promise<Role> => {
        await organisation(request, params.fiksOrgId);
        const found = await store.getRole(params.fiksOrgId, params.rolleId);
        if (!found) throw new FiksError(404, 'Fant ikke rollen.', 'UKJENT_ROLLE');
        return found;
      };

      const withGrants = async (found: Role) =>
        roleJson(found, (await store.grantsForRole(found.fiksOrgId, found.id)) ?? { integrasjoner: [], personer: [] });

      // Catalogues.
      for (const [route, catalogue] of Object.entries(CATALOGUES)) api.get(route, async () => catalogue);

      // Organisations (Folkeport).
      api.get('/organisasjoner', async (request) => {
        operatorOnly(request);
        return store.listOrganisations();
      });
      api.post<{ Body: Static<typeof NyOrganisasjon> }>('/organisasjoner', { schema: { body: NyOrganisasjon } }, async (request, reply) => {
        operatorOnly(request);
        const created = await attempt(() => store.createOrganisation(request.body));
        const adminnokkel = await store.newAdminCredential(created.fiksOrgId);
        return reply.status(201).send({ organisasjon: created, adminnokkel });
      });
      api.get<{ Params: Static<typeof OrgParams> }>('/organisasjoner/:fiksOrgId', { schema: { params: OrgParams } }, async (request) =>
        organisation(request, request.params.fiksOrgId),
      );
      api.post<{ Params: Static<typeof OrgParams> }>(
        '/organisasjoner/:fiksOrgId/adminnokkel',
        { schema: { params: OrgParams } },
        async (request) => {
          const found = await organisation(request, request.params.fiksOrgId);
          return { adminnokkel: await store.newAdminCredential(found.fiksOrgId) };
        },
      );

      // Roles.
      api.get<{ Params: Static<typeof OrgParams> }>('/:fiksOrgId/roller', { schema: { params: OrgParams } }, async (request) => {
        await organisation(request, request.params.fiksOrgId);
        const roles = await store.listRoles(request.params.fiksOrgId);
        return Promise.all(roles.map(withGrants));
      });
      api.post<{ Params: Static<typeof OrgParams>; Body: Static<typeof OpprettRolle> }>(
        '/:fiksOrgId/roller',
        { schema: { params: OrgParams, body: OpprettRolle } },
        async (request) => {
          const { fiksOrgId } = request.params;
          await organisation(request, fiksOrgId);
          const { tilganger, tagger, dataminimering, ...rest } = request.body;
          const input: NewRole = {
            ...(rest as Omit<NewRole, 'dataminimering' | 'tagger'>),
            dataminimering: { parts: names(dataminimering.parts), opplysninger: names(dataminimering.opplysninger) },
            tagger: names(tagger),
          };
          const aktorer = tilganger?.aktorer ?? [];
          await attempt(() => checkAktorer(store, fiksOrgId, aktorer));
          const created = await attempt(() => store.createRole(fiksOrgId, input));
          for (const aktor of aktorer) await store.grant(fiksOrgId, created.id, aktor);
          return withGrants(created);
        },
      );
      api.get<{ Params: Static<typeof RoleParams> }>('/:fiksOrgId/roller/:rolleId', { schema: { params: RoleParams } }, async (request) =>
        withGrants(await role(request, request.params)),
      );
      api.patch<{ Params: Static<typeof RoleParams>; Body: Static<typeof OppdaterRolle> }>(
        '/:fiksOrgId/roller/:rolleId',
        { schema: { params: RoleParams, body: OppdaterRolle } },
        async (request) => {
          const found = await role(request, request.params);
          const updated = await attempt(() => store.updateRole(found.fiksOrgId, found.id, roleChange(request.body)));
          if (!updated) throw new FiksError(404, 'Fant ikke rollen.', 'UKJENT_ROLLE');
          return withGrants(updated);
        },
      );
      api.delete<{ Params: Static<typeof RoleParams> }>('/:fiksOrgId/roller/:rolleId', { schema: { params: RoleParams } }, async (request, reply) => {
        const found = await role(request, request.params);
        await store.deleteRole(found.fiksOrgId, found.id);
        return reply.status(204).send();
      });
      for (const [action, aktiv] of [['aktiver', true], ['deaktiver', false]] as const) {
        api.put<{ Params: Static<typeof RoleParams> }>(`/:fiksOrgId/roller/:rolleId/${action}`, { schema: { params: RoleParams } }, async (request) => {
          const found = await role(request, request.params);
          const changed = await store.setRoleActive(found.fiksOrgId, found.id, aktiv);
          if (!changed) throw new FiksError(404, 'Fant ikke rollen.', 'UKJENT_ROLLE');
          return withGrants(changed);
        });
      }
      api.delete<{ Params: Static<typeof TagParams> }>(
        '/:fiksOrgId/roller/:rolleId/tagger/:tagg',
        { schema: { params: TagParams } },
        async (request) => {
          const found = await role(request, request.params);
          const { tagg } = request.params;
          if (!found.tagger.includes(tagg)) throw new FiksError(400, `Taggen «${tagg}» er ikke definert for rollen.`, 'UKJENT_TAGG');
          const updated = await store.updateRole(found.fiksOrgId, found.id, { tagger: found.tagger.filter((t) => t !== tagg) });
          if (!updated) throw new FiksError(404, 'Fant ikke rollen.', 'UKJENT_ROLLE');
          return withGrants(updated);
        },
      );

      // Grants.
      api.get<{ Params: Static<typeof RoleParams> }>('/:fiksOrgId/roller/:rolleId/tilganger', { schema: { params: RoleParams } }, async (request) => {
        const found = await role(request, request.params);
        return tilgangListe((await store.grantsForRole(found.fiksOrgId, found.id)) ?? { integrasjoner: [], personer: [] });
      });
      api.post<{ Params: Static<typeof RoleParams>; Body: Static<typeof LeggTilTilgang> }>(
        '/:fiksOrgId/roller/:rolleId/tilganger',
        { schema: { params: RoleParams, body: LeggTilTilgang } },
        async (request) => {
          const found = await role(request, request.params);
          const granted = await attempt(() => store.grant(found.fiksOrgId, found.id, request.body.aktor));
          if (!granted) throw new FiksError(404, 'Fant ikke rollen.', 'UKJENT_ROLLE');
          return withGrants(found);
        },
      );
      api.delete<{ Params: Static<typeof AktorParams> }>(
        '/:fiksOrgId/roller/:rolleId/tilganger/:aktor',
        { schema: { params: AktorParams } },
        async (request) => {
          const found = await role(request, request.params);
          const { aktor } = request.params;
          if (!isUuid(aktor) && !/^[0-9]{11}$/.test(aktor)) {
            throw new FiksError(400, 'Ugyldig aktør: må være id-en til en integrasjon (UUID) eller et fødselsnummer (11 siffer).', 'UGYLDIG_AKTOR');
          }
          if (!(await store.revoke(found.fiksOrgId, found.id, aktor))) {
            throw new FiksError(404, 'Aktøren har ikke tilgang til rollen.', 'UKJENT_TILGANG');
          }
          return withGrants(found);
        },
      );

      // Integrations (Folkeport).
      api.get<{ Params: Static<typeof OrgParams> }>('/:fiksOrgId/integrasjoner', { schema: { params: OrgParams } }, async (request) => {
        await organisation(request, request.params.fiksOrgId);
        return (await store.listIntegrations(request.params.fiksOrgId)).map(integrationJson);
      });
      api.post<{ Params: Static<typeof OrgParams>; Body: Static<typeof NyIntegrasjon> }>(
        '/:fiksOrgId/integrasjoner',
        { schema: { params: OrgParams, body: NyIntegrasjon } },
        async (request, reply) => {
          await organisation(request, request.params.fiksOrgId);
          const { integration, password } = await attempt(() =>
            store.createIntegration({ ...request.body, fiksOrgId: request.params.fiksOrgId }),
          );
          return reply.status(201).send({ ...integrationJson(integration), passord: password });
        },
      );
      const integration = async (request: FastifyRequest, params: Static<typeof IntegrationParams>) => {
        await organisation(request, params.fiksOrgId);
        const found = await store.getIntegration(params.fiksOrgId, params.integrasjonId);
        if (!found) throw new FiksError(404, 'Fant ikke integrasjonen.', 'UKJENT_INTEGRASJON');
        return found;
      };
      api.get<{ Params: Static<typeof IntegrationParams> }>(
        '/:fiksOrgId/integrasjoner/:integrasjonId',
        { schema: { params: IntegrationParams } },
        async (request) => integrationJson(await integration(request, request.params)),
      );
      api.post<{ Params: Static<typeof IntegrationParams> }>(
        '/:fiksOrgId/integrasjoner/:integrasjonId/passord',
        { schema: { params: IntegrationParams } },
        async (request) => {
          const found = await integration(request, request.params);
          const password = await store.newPassword(found.fiksOrgId, found.id);
          if (password === undefined) throw new FiksError(404, 'Fant ikke integrasjonen.', 'UKJENT_INTEGRASJON');
          return { id: found.id, passord: password };
        },
      );
      api.delete<{ Params: Static<typeof IntegrationParams> }>(
        '/:fiksOrgId/integrasjoner/:integrasjonId',
        { schema: { params: IntegrationParams } },
        async (request, reply) => {
          const found = await integration(request, request.params);
          await store.deleteIntegration(found.fiksOrgId, found.id);
          return reply.status(204).send();
        },
      );

      // Self-test and access reports.
      api.post<{ Body: Static<typeof SjekkRequest> }>('/verifiser', { schema: { body: SjekkRequest } }, async (request) => {
        const { fiksOrgId, rolleId } = request.body;
        await organisation(request, fiksOrgId);
        if (rolleId !== undefined) await role(request, { fiksOrgId, rolleId });
        return verify(store, fiksOrgId, rolleId);
      });
      api.get<{ Params: Static<typeof ReportParams> }>('/tilganger/:fil', { schema: { params: ReportParams } }, async (request, reply) => {
        const [fiksOrgId = '', format] = request.params.fil.split('.');
        if (!isUuid(fiksOrgId)) throw new FiksError(400, 'Ugyldig fiksOrgId: må være en UUID.', 'UGYLDIG_ID');
        await organisation(request, fiksOrgId);
        const report = await accessReport(store, fiksOrgId);
        if (format === 'json') return report;
        return reply.type('text/csv; charset=utf-8').send(accessCsv(report));
      });
    },
    { prefix: CONFIG_PREFIX },
  );
}

/** The v3 create body's `tilganger.aktorer`, checked before the role is created so a bad one creates nothing. */
async function checkAktorer(store: GatewayConfigStore, fiksOrgId: string, aktorer: readonly string[]): Promise<void> {
  for (const aktor of aktorer) {
    if (isUuid(aktor)) {
      if (!(await store.getIntegration(fiksOrgId, aktor))) {
        throw new GatewayConfigError('UGYLDIG_AKTOR', `Ugyldig aktør ${aktor}: organisasjonen har ingen integrasjon med denne id-en.`);
      }
    } else if (!isPersonAktor(aktor)) {
      throw new GatewayConfigError('UGYLDIG_AKTOR', 'Ugyldig aktør: må være id-en til en integrasjon (UUID) eller et gyldig fødselsnummer (11 siffer).');
    }
  }
}

// ── verifiser ────────────────────────────────────────────────────────────────────────────────────────────────

type Status = 'OK' | 'IKKE_UTFORT' | 'FEILET';

interface Check {
  navn: string;
  verifikasjonBeskrivelse: string;
  verifisering: { status: Status; beskrivelse: string; suksess: boolean };
}

const check = (navn: string, verifikasjonBeskrivelse: string, status: Status, beskrivelse: string): Check => ({
  navn,
  verifikasjonBeskrivelse,
  verifisering: { status, beskrivelse, suksess: status === 'OK' },
});

/**
 * The organisation's setup, in the order a fagsystem needs it: active roles, roles valid for the API, and
 * integrations granted such a role. A check whose prerequisite failed is IKKE_UTFORT. With a rolleId, the checks
 * are about that role only.
 */
async function verify(store: GatewayConfigStore, fiksOrgId: string, rolleId: string | undefined) {
  const roles = (await store.listRoles(fiksOrgId)).filter((r) => rolleId === undefined || r.id === rolleId.toLowerCase());
  const active = roles.filter((r) => r.aktiv);
  const api = active.filter((r) => r.gyldighet.api && r.bruksomrader.length > 0);
  const granted: string[] = [];
  for (const r of api) {
    if (((await store.grantsForRole(fiksOrgId, r.id))?.integrasjoner.length ?? 0) > 0) granted.push(r.navn);
  }
  const subject = rolleId === undefined ? 'organisasjonen' : 'rollen';
  const checks: Check[] = [
    active.length > 0
      ? check('Roller', 'Har aktive roller', 'OK', `${active.length} aktiv(e) rolle(r)`)
      : check('Roller', 'Har aktive roller', 'FEILET', `${subject === 'rollen' ? 'Rollen er ikke aktiv' : 'Organisasjonen har ingen aktive roller'}`),
    active.length === 0
      ? check('API', 'Aktive roller er gyldige for API-et', 'IKKE_UTFORT', 'Ingen aktive roller å sjekke')
      : api.length > 0
        ? check('API', 'Aktive roller er gyldige for API-et', 'OK', `${api.length} rolle(r) kan brukes i API-et`)
        : check('API', 'Aktive roller er gyldige for API-et', 'FEILET', 'Ingen aktive roller er gyldige for API-et (gyldighet.api)'),
    api.length === 0
      ? check('Integrasjoner', 'Integrasjoner har tilgang til en rolle', 'IKKE_UTFORT', 'Ingen API-roller å sjekke')
      : granted.length > 0
        ? check('Integrasjoner', 'Integrasjoner har tilgang til en rolle', 'OK', `Integrasjoner har tilgang til: ${granted.join(', ')}`)
        : check('Integrasjoner', 'Integrasjoner har tilgang til en rolle', 'FEILET', 'Ingen integrasjon har tilgang til en aktiv API-rolle'),
  ];
  return { altOk: checks.every((c) => c.verifisering.suksess), subsystem: checks };
}

// ── access reports ───────────────────────────────────────────────────────────────────────────────────────────

async function accessReport(store: GatewayConfigStore, fiksOrgId: string) {
  const roles = await store.listRoles(fiksOrgId);
  return {
    fiksOrgId,
    roller: await Promise.all(
      roles.map(async (r) => ({
        rolle: { fiksOrgId, navn: r.navn },
        tilganger: tilgangListe((await store.grantsForRole(fiksOrgId, r.id)) ?? { integrasjoner: [], personer: [] }),
        // Folkeport has no per-role administrators: organisations are administered with a credential.
        administratorer: { personer: [] as string[], eksterneBrukere: [] as string[], eksterneGrupper: [] as string[] },
      })),
    ),
  };
}

/** v3's example: a line per role (name only), then a line per grant (`,person,Tilgangstype`). */
function accessCsv(report: Awaited<ReturnType<typeof accessReport>>): string {
  const lines = ['Rollenavn,Person,Tilgangstype'];
  for (const { rolle, tilganger } of report.roller) {
    lines.push(`${csvCell(rolle.navn)},,`);
    for (const person of tilganger.personer) lines.push(`,${person},Bruker`);
    for (const integration of tilganger.integrasjoner) lines.push(`,${integration},Integrasjon`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
