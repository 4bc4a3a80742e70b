/**
 * Which persons an extract lists, as one SQL query over the register's tables:
 * - komplett: the dokumentidentifikator of each person's document as of register event sequence N (the
 *   version made by the person's last event ≤ N; persons created after N are not there), where N is the
 *   register event behind the package's feed sequence number ordered (komplett-position.ts);
 * - tilpasset: the folkeregisteridentifikator of each person whose current search columns match the criteria.
 * Both respect the package: the Svalbard register (BRSV) lists the persons it covers only, and a kommunenummer
 * criterion matches only addresses the package may see (docs/register-uttrekk.md, "What each package sees").
 */
import {
  KONFIDENSIELLE_PERSONSTATUSER,
  type RightsPackage,
  type TilpassetUttrekkJobbRequest,
  type UttrekkPersonstatustype,
} from '@folkeport/model';
import type { KomplettPosition } from './komplett-position.js';

export type UttrekkOrder =
  | { kind: 'komplett'; criteria: KomplettPosition }
  | { kind: 'tilpasset'; criteria: TilpassetUttrekkJobbRequest };

export interface Selection {
  /**
   * A SELECT giving `id` (what the batches list) and, for komplett, `person`: the
   * folkeregisteridentifikator behind the document, for the audit log. Its parameters are numbered from the
   * `firstParameter` given.
   */
  text: string;
  parameters: unknown[];
}

/** The registered statuses each `personstatustyper` value stands for; `aktiv` is the four confidential ones. */
const STATUSES: Record<UttrekkPersonstatustype, readonly string[]> = {
  aktiv: KONFIDENSIELLE_PERSONSTATUSER,
  bosatt: ['bosatt'],
  utflyttet: ['utflyttet'],
  doed: ['doed'],
  inaktiv: ['inaktiv'],
};

/**
 * Whether the Svalbard register (BRSV) covers the person of document `v`: a current `oppholdPaaSvalbard`, or a
 * current bostedsadresse in fylke 21 (Svalbard). The rule of the person projection (`packageCovers` in
 * ../api/projection.ts), which the BRSV feed also follows, as SQL over the stored document text. Documents are
 * stored as compact JSON, so a text search rules out almost every document before any is parsed.
 */
const ON_SVALBARD = `(strpos(v.dokument, '"oppholdPaaSvalbard"') > 0 OR strpos(v.dokument, '"kommunenummer":"21') > 0
    OR strpos(v.dokument, '"bostedskommune":"21') > 0)
  AND (jsonb_path_exists(v.dokument::jsonb, '$.oppholdPaaSvalbard[*] ? (@.erGjeldende == true)')
    OR coalesce((SELECT coalesce(b #>> '{vegadresse,kommunenummer}', b #>> '{matrikkeladresse,matrikkelnummer,kommunenummer}',
         b #>> '{ukjentBosted,bostedskommune}')
       FROM jsonb_path_query_first(v.dokument::jsonb, '$.bostedsadresse[*] ? (@.erGjeldende == true)') AS b) LIKE '21%', false))`;

export function selection(pkg: RightsPackage, order: UttrekkOrder, firstParameter: number): Selection {
  const parameters: unknown[] = [];
  const parameter = (value: unknown) => {
    parameters.push(value);
    return `$${firstParameter + parameters.length - 1}`;
  };
  const svalbardOnly = pkg.population === 'svalbard';

  if (order.kind === 'komplett') {
    // Persons without events after the cut are as they are now; only those changed since (usually few, as
    // the cut is usually the last event) need their older version from the event log. This reads the person
    // table once instead of sorting the whole event log.
    const cut = parameter(order.criteria.registersekvensnummer);
    const text = `SELECT c.id, c.person FROM (
        WITH later AS MATERIALIZED (SELECT person_key FROM register.event WHERE sekvensnummer > ${cut})
        SELECT p.dokumentidentifikator AS id, p.folkeregisteridentifikator AS person
        FROM register.person p WHERE NOT EXISTS (SELECT 1 FROM later WHERE later.person_key = p.person_key)
        UNION ALL
        SELECT e.dokumentidentifikator, p.folkeregisteridentifikator
        FROM (SELECT DISTINCT ON (person_key) person_key, dokumentidentifikator FROM register.event
              WHERE sekvensnummer <= ${cut} AND person_key IN (SELECT person_key FROM later)
              ORDER BY person_key, sekvensnummer DESC) e
        JOIN register.person p ON p.person_key = e.person_key
      ) c
      ${svalbardOnly ? `JOIN register.person_version v ON v.dokumentidentifikator = c.id WHERE ${ON_SVALBARD}` : ''}`;
    return { text, parameters };
  }

  const criteria = order.criteria;
  const statuses = [...new Set(criteria.personstatustyper.flatMap((type) => STATUSES[type]))];
  const conditions = [`p.status = ANY(${parameter(statuses)}::text[])`];
  if (criteria.kommunenummer) {
    const { bostedskommunenummer, oppholdskommunenummer } = criteria.kommunenummer;
    conditions.push(
      bostedskommunenummer !== undefined
        ? `p.bosted_kommunenummer = ${parameter(bostedskommunenummer)}`
        : `p.opphold_kommunenummer = ${parameter(oppholdskommunenummer)}`,
    );
    // strengtFortrolig addresses are never delivered; fortrolig and klientadresse only with graded addresses.
    conditions.push(
      pkg.gradedAddresses
        ? `p.adressebeskyttelse <> 'strengtFortrolig'`
        : `p.adressebeskyttelse = 'ugradert' AND NOT p.har_klientadresse`,
    );
  }
  const range = (column: string, from: string | undefined, to: string | undefined) => {
    if (from !== undefined) conditions.push(`p.${column} >= ${parameter(Number(from))}::integer`);
    if (to !== undefined) conditions.push(`p.${column} <= ${parameter(Number(to))}::integer`);
  };
  range('foedselsaar', criteria.foedselsaarFraOgMed, criteria.foedselsaarTilOgMed);
  range('doedsaar', criteria.doedsaarFraOgMed, criteria.doedsaarTilOgMed);
  if (criteria.kjoenn !== undefined) conditions.push(`p.kjoenn = ${parameter(criteria.kjoenn)}`);
  if (criteria.statsborgerskap !== undefined) {
    conditions.push(`${parameter(criteria.statsborgerskap)}::text = ANY(p.statsborgerskap)`);
  }
  if (criteria.sivilstandstype !== undefined) conditions.push(`p.sivilstand = ${parameter(criteria.sivilstandstype)}`);
  if (svalbardOnly) conditions.push(ON_SVALBARD);

  const text = `SELECT p.folkeregisteridentifikator AS id, NULL::text AS person FROM register.person p
    ${svalbardOnly ? 'JOIN register.person_version v ON v.dokumentidentifikator = p.dokumentidentifikator' : ''}
    WHERE ${conditions.join(' AND ')}`;
  return { text, parameters };
}
