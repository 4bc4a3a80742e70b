/**
 * The scopes a fresh Folkeport knows, so a newcomer can register a client for them at once: every
 * rettighetspakke's scope (and sector-intermediary scope) owned by Skatteetaten, delegable through the
 * Altinn delegation register, and KS Fiks' `ks:fiks` (not delegable). Facts: reference
 * freg-consumer-api.md (scopes), maskinporten.md §6 (delegation), fiks-folkeregister.md §3 (`ks:fiks`).
 */
import { RIGHTS_PACKAGES } from '@folkeport/model';
import type { NewScopeInput } from './registry.js';

/** Skatteetaten's organisation number: the owner (API provider) of the FREG scopes. */
export const SKATTEETATEN_ORGNR = '974761076';
/** KS (Kommunesektorens organisasjon): the owner of `ks:fiks`. */
export const KS_ORGNR = '971032146';
/** The delegation register's issuer as Maskinporten's test environment names Altinn TT02. */
export const ALTINN_DELEGATION_SOURCE = 'https://tt02.altinn.no/';

export const KNOWN_SCOPES: readonly NewScopeInput[] = [
  ...[...new Set(RIGHTS_PACKAGES.flatMap((pkg) => [pkg.scope, pkg.segmentansvarligScope ?? []].flat()))].map((name) => ({
    name,
    owner_orgno: SKATTEETATEN_ORGNR,
    description: `Folkeregisteret: ${RIGHTS_PACKAGES.find((pkg) => pkg.scope === name || pkg.segmentansvarligScope === name)?.name ?? name}`,
    delegation_source: ALTINN_DELEGATION_SOURCE,
  })),
  { name: 'ks:fiks', owner_orgno: KS_ORGNR, description: 'KS Fiks' },
];
