// Shared set-up of the gateway configuration tests: two municipalities, a vendor, synthetic persons and a role.
import { generateIdNumbers, generateOrganisasjonsnumre } from '@folkeport/identity';
import type { NewRole, Organisation } from '../src/gateway/gateway-model.js';
import type { GatewayConfigStore } from '../src/gateway/gateway-store.js';

export const [OSLO_ORGNR, BERGEN_ORGNR, VENDOR_ORGNR, SPARE_ORGNR] = generateOrganisasjonsnumre(4, { seed: 6 }) as [
  string,
  string,
  string,
  string,
];
/** Synthetic (Tenor, month + 80) fødselsnumre. */
export const [PERSON_A, PERSON_B] = generateIdNumbers(2, { seed: 6 }) as [string, string];

export const OSLO_ID = '0b8a3c5e-1f2d-4e6a-9b7c-0d1e2f3a4b5c';
export const BERGEN_ID = '7c6b5a49-3827-4615-a4b3-c2d1e0f9a8b7';

/** An orgnr with a wrong check digit. */
export const BAD_ORGNR = `${OSLO_ORGNR.slice(0, 8)}${(Number(OSLO_ORGNR[8]) + 1) % 10}`;

export function newRole(overrides: Partial<NewRole> = {}): NewRole {
  return {
    navn: 'Skole - elevregister',
    beskrivelse: 'Oppslag for skoleadministrativt system',
    tjenesteOmrade: 'OPPVEKST',
    bruksomrader: ['SOK'],
    dataminimering: { parts: ['person-basis'], opplysninger: [] },
    kanHenteTaushetsbelagtInfo: false,
    kanBrukesPaSokeside: false,
    ...overrides,
  };
}

export async function twoOrganisations(store: GatewayConfigStore): Promise<{ oslo: Organisation; bergen: Organisation }> {
  const oslo = await store.createOrganisation({ fiksOrgId: OSLO_ID, orgnr: OSLO_ORGNR, navn: 'Oslo kommune', kommunenummer: '0301' });
  const bergen = await store.createOrganisation({ fiksOrgId: BERGEN_ID, orgnr: BERGEN_ORGNR, navn: 'Bergen kommune', kommunenummer: '4601' });
  return { oslo, bergen };
}
