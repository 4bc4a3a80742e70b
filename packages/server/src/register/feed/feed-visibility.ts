/**
 * Which register events a package's feed shows, and as which type (reference freg-consumer-api.md §6.5,
 * §6.7, §9; docs/register-feeds.md "Visibility"). The rules run as one set-based SQL statement in the feed
 * writer; this module holds them as data and renders that SQL. They are the person projection's rules
 * (../api/projection.ts) applied to the elements an event changes, so a feed never announces a change the
 * package's person documents do not show:
 *
 * An event is in a package's feed when the package covers the person (svalbardregister: a current
 * `oppholdPaaSvalbard` or a current bostedsadresse on Svalbard, before or after the event — so it also sees
 * the person leave) and either the event is not about single elements (creation, status, identity number,
 * merges and splits) or at least one changed element is one the package may see for that person:
 * - the element is among the package's elements;
 * - address elements: a graded address (`fortrolig`, `klientadresse`) only where the package gets graded
 *   addresses; for persons with adressebeskyttelse `strengtFortrolig` none at all (HFF §4.1.1) except the open,
 *   ungraded postadresse that stands in for everyone (§9.3);
 * - innflytting/utflytting of a `strengtFortrolig` person only where the package gets migration detail for
 *   protected persons (§9.1: their moves are not shared otherwise).
 * The changed elements are read from the event's `endringer` (the property carrying the new value, or the
 * `entitet` for an annulment) or, when the event carries none, from its type (§6.5). The person's protection
 * is the one after the event.
 */
import { ADDRESS_ELEMENTS, type Hendelsetype, type PersonElement, type RightsPackage } from '@folkeport/model';

/** The elements each event type changes (§6.5); `[]` for the types that are not about single elements. */
export const HENDELSETYPE_ELEMENTS = {
  personErOpprettet: [],
  endringIIdentifikasjonsnummer: [],
  personErOppdatert: [],
  personErDoed: [],
  personErUtflyttet: [],
  personErBosatt: [],
  personErInaktiv: [],
  endringIStatus: [],
  endringIIdentitetsgrunnlag: ['identitetsgrunnlag'],
  endringIUtenlandskPersonidentifikasjon: ['utenlandskPersonidentifikasjon'],
  endringIUtlendingsmyndighetenesIdentifikasjonsnummer: ['utlendingsmyndighetenesIdentifikasjonsnummer'],
  endringILegitimasjonsdokument: ['legitimasjonsdokument'],
  endringIFalskIdentitet: ['falskIdentitet'],
  endringIKontaktopplysningerForDoedsbo: ['kontaktinformasjonForDoedsbo'],
  endringIDoedsfall: ['doedsfall'],
  endringIFamilierelasjon: ['familierelasjon'],
  endringISivilstand: ['sivilstand'],
  endringIKontaktinformasjon: ['postadresse', 'postadresseIUtlandet', 'preferertKontaktadresse'],
  endringIBostedsadresse: ['bostedsadresse'],
  endringIBostedsadresseUtenFlytting: ['bostedsadresse'],
  endringIBostedsadresseVedKommuneregulering: ['bostedsadresse'],
  endringIDeltBosted: ['deltBosted'],
  endringIOppholdsadresse: ['oppholdsadresse'],
  endringIAdressebeskyttelse: ['adressebeskyttelse'],
  endringIInnflytting: ['innflytting'],
  endringIUtflytting: ['utflytting'],
  endringIKjoenn: ['kjoenn'],
  endringIFoedsel: ['foedsel'],
  endringIFoedselINorge: ['foedselINorge'],
  endringINavn: ['navn'],
  endringIStatsborgerskap: ['statsborgerskap', 'bibehold'],
  endringIForeldreansvar: ['foreldreansvar'],
  endringIOpphold: ['opphold'],
  endringIOppholdPaaSvalbard: ['oppholdPaaSvalbard'],
  endringIBrukAvSamiskSpraak: ['brukAvSamiskSpraak'],
  endringISametingetsValgmanntall: ['forholdTilSametingetsValgmanntall'],
  endringIVergemaal: ['vergemaalEllerFremtidsfullmakt'],
  endringIRettsligHandleevne: ['rettsligHandleevne'],
  endringIFratattRettsligHandleevne: ['rettsligHandleevne'],
  endringIPerson: [],
  personErOpphoert: [],
  personErReaktivert: [],
  personErViderefoertSomGjeldendeVedSammenslaaing: [],
  personErOpphoertSomDublett: [],
  personErEndretVedSplitting: [],
  personErGjenopprettetVedSplitting: [],
} as const satisfies Record<Hendelsetype, readonly PersonElement[]>;


export const MIGRATION_ELEMENTS = ['innflytting', 'utflytting'] as const satisfies readonly PersonElement[];

/** Registerdata `entitet` values whose element has another name (the quirk of consumer-api Q5). */
export const ENTITET_ELEMENT = {
  kontaktadresse: 'postadresse',
  kontaktadresseIUtlandet: 'postadresseIUtlandet',
} as const satisfies Record<string, PersonElement>;

/** One package's rules as the visibility SQL reads them (a row of its `pkg` relation). */
export interface FeedPolicyRow {
  key: number;
  /** Register events up to this sekvensnummer are already in the package's feed. */
  after: number;
  /** The package's last feed sekvensnummer. */
  last: number;
  svalbard: boolean;
  elements: readonly PersonElement[];
  graded: boolean;
  migration_detail: boolean;
  /**
   * The feed type when it differs from the register's, else null. Privat and presse see every event as
   * `endringIPerson`, "som ikke identifiserer endringen" (DOC nyheter 2020-05-13; 2022-10-11: «overskrives til
   * endringIPerson slik de øvrige … hendelsene også blir»).
   */
  generalised: Hendelsetype | null;
}

export function feedPolicyRow(pkg: RightsPackage, key: number, after: number, last: number): FeedPolicyRow {
  return {
    key,
    after,
    last,
    svalbard: pkg.population === 'svalbard',
    elements: pkg.elements,
    graded: pkg.gradedAddresses,
    migration_detail: pkg.protectedMigrationDetail,
    generalised: pkg.events === 'endringIPerson' ? 'endringIPerson' : null,
  };
}

/** A SQL string literal of a code from the model's fixed lists. */
function literal(code: string): string {
  if (!/^[A-Za-z]+$/.test(code)) throw new Error(`not a code: ${code}`);
  return `'${code}'`;
}

const list = (codes: readonly string[]) => codes.map(literal).join(', ');

const TYPE_ELEMENTS = Object.entries(HENDELSETYPE_ELEMENTS).flatMap(([type, elements]) =>
  (elements as readonly string[]).map((element) => `(${literal(type)}, ${literal(element)})`),
);

/** The types that are about single elements; every other type is shown to every package covering the person. */
const ELEMENT_TYPES = Object.entries(HENDELSETYPE_ELEMENTS)
  .filter(([, elements]) => elements.length > 0)
  .map(([type]) => type);

const ENTITET_CASE = `CASE r->>'entitet' ${Object.entries(ENTITET_ELEMENT)
  .map(([entitet, element]) => `WHEN ${literal(entitet)} THEN ${literal(element)}`)
  .join(' ')} ELSE r->>'entitet' END`;

/**
 * SQL: whether svalbardregister covers the person of stored document text `doc` (projection.ts
 * `packageCovers`: a current oppholdPaaSvalbard, or a current bostedsadresse in fylke 21). Documents are
 * stored as compact JSON (JSON.stringify), so plain text search rules out almost every document before any
 * is parsed.
 */
function svalbardCovers(doc: string): string {
  return `coalesce(
    (strpos(${doc}, '"oppholdPaaSvalbard"') > 0 OR strpos(${doc}, '"kommunenummer":"21') > 0
      OR strpos(${doc}, '"bostedskommune":"21') > 0)
    AND (jsonb_path_exists(${doc}::jsonb, '$.oppholdPaaSvalbard[*] ? (@.erGjeldende == true)')
      OR (SELECT coalesce(b #>> '{vegadresse,kommunenummer}', b #>> '{matrikkeladresse,matrikkelnummer,kommunenummer}',
            b #>> '{ukjentBosted,bostedskommune}')
          FROM jsonb_path_query_first(${doc}::jsonb, '$.bostedsadresse[*] ? (@.erGjeldende == true)') AS b) LIKE '21%'),
    false)`;
}

/**
 * The statement that appends register events ($2, $3] to every package's feed, numbering each package's new
 * items on from its last number. $1: the packages as a JSON array of {@link FeedPolicyRow}; each package takes
 * only events after its own `after`. Per event it reads, as text, the person document version the event
 * produced (and the one before): Svalbard coverage, and — parsed only when the text mentions a grading — the
 * current adressebeskyttelse.
 */
export const APPEND_VISIBLE_EVENTS = `
  WITH pkg AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(
      key smallint, after bigint, last bigint, svalbard boolean, elements text[], graded boolean,
      migration_detail boolean, generalised text)
  ),
  type_element (hendelsetype, element) AS (VALUES ${TYPE_ELEMENTS.join(', ')}),
  ev AS MATERIALIZED (
    SELECT e.sekvensnummer, e.hendelsetype,
      CASE jsonb_typeof(parsed.endringer) WHEN 'array' THEN parsed.endringer END AS endringer,
      e.hendelsetype NOT IN (${list(ELEMENT_TYPES)}) AS lifecycle,
      ${svalbardCovers('v.dokument')} OR ${svalbardCovers('previous.dokument')} AS svalbard,
      -- Only a document mentioning "fortrolig" or "strengtFortrolig" can have a protection to read.
      CASE WHEN strpos(v.dokument, 'ortrolig"') > 0 THEN coalesce(jsonb_path_query_first(v.dokument::jsonb,
        '$.adressebeskyttelse[*] ? (@.erGjeldende == true).graderingsnivaa') #>> '{}', 'ugradert')
        ELSE 'ugradert' END AS beskyttelse
    FROM register.event e
    CROSS JOIN LATERAL (SELECT e.endringer::jsonb AS endringer) parsed
    JOIN register.person_version v ON v.dokumentidentifikator = e.dokumentidentifikator
    LEFT JOIN register.person_version previous ON previous.person_key = v.person_key AND previous.versjon = v.versjon - 1
    WHERE e.sekvensnummer > $2 AND e.sekvensnummer <= $3
  ),
  visible AS (
    SELECT p.key, ev.sekvensnummer FROM ev
    JOIN pkg p ON ev.sekvensnummer > p.after AND (ev.svalbard OR NOT p.svalbard)
    WHERE ev.lifecycle OR EXISTS (
      SELECT 1 FROM (
        -- The changed elements: from the Registerdata, or from the type when the event carries none.
        SELECT x.element, r -> x.element ->> 'adressegradering' AS gradering
        FROM jsonb_array_elements(ev.endringer) r
        CROSS JOIN LATERAL (
          SELECT coalesce(
            (SELECT k FROM jsonb_object_keys(r) k WHERE k NOT IN ('entitet', 'entitetsendring') LIMIT 1),
            ${ENTITET_CASE}) AS element
        ) x
        UNION ALL
        SELECT t.element, NULL FROM type_element t
        WHERE t.hendelsetype = ev.hendelsetype AND coalesce(jsonb_array_length(ev.endringer), 0) = 0
      ) c
      WHERE c.element = ANY (p.elements) AND CASE
        -- Graded per entry; for strengtFortrolig persons only the open postadresse is shown.
        WHEN c.element IN (${list(ADDRESS_ELEMENTS)}) THEN (ev.beskyttelse <> 'strengtFortrolig' OR c.element = 'postadresse')
          AND (coalesce(c.gradering, 'ugradert') = 'ugradert' OR (p.graded AND c.gradering <> 'strengtFortrolig'))
        WHEN c.element IN (${list(MIGRATION_ELEMENTS)}) THEN ev.beskyttelse <> 'strengtFortrolig' OR p.migration_detail
        ELSE true
      END
    )
  )
  INSERT INTO feed.item (package_key, sekvensnummer, register_sekvensnummer, hendelsetype)
  SELECT v.key, p.last + row_number() OVER (PARTITION BY v.key ORDER BY v.sekvensnummer), v.sekvensnummer, p.generalised
  FROM visible v JOIN pkg p USING (key)`;

/** After {@link APPEND_VISIBLE_EVENTS}: every package has read the register up to $1; its last number from its items. */
export const RECORD_PROGRESS = `
  UPDATE feed.package fp SET
    register_sekvensnummer = greatest(fp.register_sekvensnummer, $1),
    sekvensnummer = coalesce((SELECT max(i.sekvensnummer) FROM feed.item i WHERE i.package_key = fp.package_key), 0)`;
