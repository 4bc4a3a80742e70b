/**
 * The demo municipality `folkeport up` sets up in front of the gateway, as a municipality and its vendor would
 * in Fiks forvaltning and Altinn (docs/gateway.md, "The demo in `folkeport up`"):
 *
 * - the gateway operator's Maskinporten client (KS's organisation number) with the FREG package scopes, the
 *   municipality's access to both scopes, and its delegation of both to the operator in the Altinn registry;
 * - a demo vendor's client with `ks:fiks`;
 * - the municipality as a Fiks organisation with two roles — the setup guide's "Oppslag i folkeregister for
 *   Fagsystem" (støttetjenester without confidential data, search only, person-basis, graded addresses hidden)
 *   and one with confidential access — and an integration bound to the vendor, granted both roles.
 *
 * Ids are fixed, so a fagsystem configured once keeps working across restarts; the operator and vendor get fresh
 * keys and the integration a new password on every start (the credentials file is the only copy).
 */
import { packageById } from '@folkeport/model';
import type { GatewayConfigStore } from '../gateway/gateway-store.js';
import type { NewRole, Role } from '../gateway/gateway-model.js';
import { HttpError } from '../http/http-app.js';
import { KS_ORGNR } from '../maskinporten/known-scopes.js';
import type { Registry } from '../maskinporten/registry.js';
import { DEMO_ORGNR, registerClient, type DemoClient } from './demo-clients.js';

/** Oslo kommune: organisation number and kommunenummer as in Enhetsregisteret and SSB's classification. */
const MUNICIPALITY = {
  fiksOrgId: '5e0a0c27-94f1-4d1a-9a43-0d3c1f0b7a01',
  orgnr: '974760673',
  navn: 'Oslo kommune (Folkeport demo)',
  kommunenummer: '0301',
};
const INTEGRATION_ID = '0c6f3b9e-2d7a-4c51-8e0f-6a2b9d4c1e37';

const ROLES: readonly (NewRole & { id: string })[] = [
  {
    id: '3f1c2b8a-6d4e-4f0a-9b7c-1e2d3c4b5a60',
    navn: 'Oppslag i folkeregister for Fagsystem',
    beskrivelse: 'Støttetjenester uten taushetsbelagte opplysninger: søk og oppslag på personbasis',
    tjenesteOmrade: 'STOTTE',
    bruksomrader: ['SOK'],
    dataminimering: { parts: ['person-basis'], opplysninger: [] },
    kanHenteTaushetsbelagtInfo: false,
    kanBrukesPaSokeside: false,
    gyldighet: { api: true },
    gradertAdresse: 'skjul',
  },
  {
    id: '8b2d4f6a-1c3e-4a5b-8d7f-2e4c6a8b0d13',
    navn: 'Barnevern med taushetsbelagte opplysninger',
    beskrivelse: 'Barnevernets fagsystem: personbasis, relasjoner og historikk, hendelser og innbyggerlister',
    tjenesteOmrade: 'BARNEVERN',
    bruksomrader: ['SOK', 'HENDELSER', 'INNBYGGERLISTER'],
    dataminimering: { parts: ['person-basis', 'relasjon-utvidet', 'historikk'], opplysninger: [] },
    kanHenteTaushetsbelagtInfo: true,
    kanBrukesPaSokeside: false,
    gyldighet: { api: true },
    gradertAdresse: 'skjul',
  },
];

/** What `dev-credentials.json` holds under `fiks`. */
export interface DemoFiks {
  fiksOrgId: string;
  orgnr: string;
  integrationId: string;
  integrationPassword: string;
  vendorClientId: string;
  roles: { id: string; navn: string; kanHenteTaushetsbelagtInfo: boolean }[];
}

export interface DemoMunicipality {
  fiks: DemoFiks;
  /** The vendor's `ks:fiks` client (goes into the credentials file with the other demo clients). */
  vendor: DemoClient;
  /** The gateway operator's client, for the gateway's upstream tokens (stays in the process). */
  operator: DemoClient;
}

export async function provisionDemoMunicipality(registry: Registry, gateway: GatewayConfigStore, now: Date): Promise<DemoMunicipality> {
  const upstreamScopes = [packageById('offentligMedHjemmel').scope, packageById('offentligUtenHjemmel').scope];
  const operator = await registerClient(registry, now, {
    clientId: 'folkeport-gateway-operator',
    name: 'Folkeport gateway (operator)',
    orgnr: KS_ORGNR,
    scopes: upstreamScopes,
  });
  // The municipality holds the scopes (Skatteetaten granted them) and delegates them to the operator in Altinn.
  for (const scope of upstreamScopes) {
    await registry.grantScope(scope, MUNICIPALITY.orgnr);
    await delegateOnce(registry, { consumer_org: MUNICIPALITY.orgnr, supplier_org: KS_ORGNR, scope });
  }
  const vendor = await registerClient(registry, now, {
    clientId: 'folkeport-demo-fiks-vendor',
    name: 'Folkeport demo: fagsystem vendor (KS Fiks)',
    orgnr: DEMO_ORGNR,
    scopes: ['ks:fiks'],
  });

  const { fiksOrgId } = MUNICIPALITY;
  if (!(await gateway.getOrganisation(fiksOrgId))) await gateway.createOrganisation(MUNICIPALITY);
  const roles: Role[] = [];
  for (const role of ROLES) roles.push((await gateway.getRole(fiksOrgId, role.id)) ?? (await gateway.createRole(fiksOrgId, role)));
  let integrationPassword = await gateway.newPassword(fiksOrgId, INTEGRATION_ID);
  if (integrationPassword === undefined) {
    ({ password: integrationPassword } = await gateway.createIntegration({
      id: INTEGRATION_ID,
      fiksOrgId,
      navn: 'Fagsystem (Folkeport demo)',
      beskrivelse: 'The demo vendor’s fagsystem',
      autorisertOrgnr: DEMO_ORGNR,
    }));
  }
  for (const role of roles) await gateway.grant(fiksOrgId, role.id, INTEGRATION_ID);

  return {
    operator,
    vendor,
    fiks: {
      fiksOrgId,
      orgnr: MUNICIPALITY.orgnr,
      integrationId: INTEGRATION_ID,
      integrationPassword,
      vendorClientId: vendor.clientId,
      roles: roles.map(({ id, navn, kanHenteTaushetsbelagtInfo }) => ({ id, navn, kanHenteTaushetsbelagtInfo })),
    },
  };
}

/** A delegation that already exists is kept (the registry answers 409). */
async function delegateOnce(registry: Registry, delegation: { consumer_org: string; supplier_org: string; scope: string }) {
  try {
    await registry.delegate(delegation);
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 409)) throw error;
  }
}
