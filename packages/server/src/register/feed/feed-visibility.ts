/**
 * Which register events a package's feed shows, and as which type (reference freg-consumer-api.md §6.5,
 * §6.7, §9; docs/register-feeds.md "Visibility"). The rules run as one set-based SQL statement in the feed
 * writer; this module holds them as data and renders that SQL.
 *
 * An event is in a package's feed when the package's population covers the person (svalbardregister: only
 * persons with `oppholdPaaSvalbard`) and either the event is not about elements (creation, status, identity
 * number, merges and splits) or at least one changed element is one the package may see for that person:
 * - the element is among the package's elements;
 * - address elements: never for persons with adressebeskyttelse `strengtFortrolig` (HFF §4.1.1: no address
 *   data at all), and a graded address (`fortrolig`, `klientadresse`) only where the package gets graded
 *   addresses — the same rule as the person projection;
 * - innflytting/utflytting of a `strengtFortrolig` person only where the package gets migration detail for
 *   protected persons (§9.1: their moves are not shared otherwise).
 * The changed elements are read from the event's `endringer` (the property carrying the new value, or the
 * `entitet` for an annulment) or, when the event carries none, from its type (§6.5).
 */
import type { Hendelsetype, PersonElement, RightsPackage } from '@folkeport/model';

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

/** Graded per entry (`adressegradering`) and hidden for `strengtFortrolig` persons. */
export const ADDRESS_ELEMENTS = [
  'bostedsadresse',
  'oppholdsadresse',
  'deltBosted',
  'postadresse',
  'postadresseIUtlandet',
  'preferertKontaktadresse',
] as const satisfies readonly PersonElement[];

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

const ENTITET_CASE = `CASE r->>'entitet' ${Object.entries(ENTITET_ELEMENT)
  .map(([entitet, element]) => `WHEN ${literal(entitet)} THEN ${literal(element)}`)
  .join(' ')} ELSE r->>'entitet' END`;

/**
 * The statement that appends register events ($2, $3] to every package's feed. $1: the packages as a JSON
 * array of {@link FeedPolicyRow}; each package takes only events after its own `after`. Returns, per
 * package key, how many items it appended.
 */
export const APPEND_VISIBLE_EVENTS = `
  WITH pkg AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(
      key smallint, after bigint, last bigint, svalbard boolean, elements text[], graded boolean,
      migration_detail boolean, generalised text)
  ),
  type_element (hendelsetype, element) AS (VALUES ${TYPE_ELEMENTS.join(', ')}),
  ev AS (
    SELECT e.sekvensnummer, e.hendelsetype, e.endringer::jsonb AS endringer, v.dokument
    FROM register.event e JOIN register.person_version v ON v.dokumentidentifikator = e.dokumentidentifikator
    WHERE e.sekvensnummer > $2 AND e.sekvensnummer <= $3
  ),
  change AS (
    SELECT ev.sekvensnummer, x.element, r -> x.element ->> 'adressegradering' AS gradering
    FROM ev
    CROSS JOIN LATERAL jsonb_array_elements(CASE jsonb_typeof(ev.endringer) WHEN 'array' THEN ev.endringer END) r
    CROSS JOIN LATERAL (
      SELECT coalesce(
        (SELECT k FROM jsonb_object_keys(r) k WHERE k NOT IN ('entitet', 'entitetsendring') LIMIT 1),
        ${ENTITET_CASE}) AS element
    ) x
    UNION ALL
    SELECT ev.sekvensnummer, t.element, NULL FROM ev JOIN type_element t USING (hendelsetype)
    WHERE coalesce(jsonb_array_length(CASE jsonb_typeof(ev.endringer) WHEN 'array' THEN ev.endringer END), 0) = 0
  ),
  fact AS (
    SELECT ev.sekvensnummer,
      NOT EXISTS (SELECT 1 FROM type_element t WHERE t.hendelsetype = ev.hendelsetype) AS lifecycle,
      strpos(ev.dokument, '"oppholdPaaSvalbard"') > 0 AS svalbard,
      CASE WHEN EXISTS (
        SELECT 1 FROM change c WHERE c.sekvensnummer = ev.sekvensnummer
          AND c.element IN (${list([...ADDRESS_ELEMENTS, ...MIGRATION_ELEMENTS])})
      ) THEN coalesce(jsonb_path_query_first(ev.dokument::jsonb,
        '$.adressebeskyttelse[*] ? (@.erGjeldende == true).graderingsnivaa') #>> '{}', 'ugradert')
      END AS beskyttelse
    FROM ev
  ),
  visible AS (
    SELECT p.key, f.sekvensnummer FROM fact f
    JOIN pkg p ON f.sekvensnummer > p.after AND (f.svalbard OR NOT p.svalbard)
    WHERE f.lifecycle
    UNION
    SELECT p.key, f.sekvensnummer FROM fact f
    JOIN change c USING (sekvensnummer)
    JOIN pkg p ON f.sekvensnummer > p.after AND (f.svalbard OR NOT p.svalbard) AND c.element = ANY (p.elements)
    WHERE CASE
      WHEN c.element IN (${list(ADDRESS_ELEMENTS)}) THEN f.beskyttelse <> 'strengtFortrolig'
        AND (coalesce(c.gradering, 'ugradert') = 'ugradert' OR (p.graded AND c.gradering <> 'strengtFortrolig'))
      WHEN c.element IN (${list(MIGRATION_ELEMENTS)}) THEN f.beskyttelse <> 'strengtFortrolig' OR p.migration_detail
      ELSE true
    END
  ),
  appended AS (
    INSERT INTO feed.item (package_key, sekvensnummer, register_sekvensnummer, hendelsetype)
    SELECT v.key, p.last + row_number() OVER (PARTITION BY v.key ORDER BY v.sekvensnummer), v.sekvensnummer, p.generalised
    FROM visible v JOIN pkg p USING (key)
    RETURNING package_key, sekvensnummer
  ),
  counted AS (
    SELECT package_key, count(*) AS appended, max(sekvensnummer) AS last FROM appended GROUP BY package_key
  )
  UPDATE feed.package fp
  SET sekvensnummer = coalesce(counted.last, fp.sekvensnummer),
    register_sekvensnummer = greatest(fp.register_sekvensnummer, $3)
  FROM pkg LEFT JOIN counted ON counted.package_key = pkg.key
  WHERE fp.package_key = pkg.key
  RETURNING fp.package_key, coalesce(counted.appended, 0) AS appended`;
