/**
 * Raw aggregates of the current population for `folkeport stats`, computed from the search columns of
 * `register.person` in one consistent snapshot. "Resident" means current personstatus `bosatt`; every
 * figure except `persons` and `statusCounts` counts residents only.
 */
import { sql, type Kysely } from 'kysely';

export interface PopulationAggregates {
  /** All persons (current versions). */
  persons: number;
  /** Current personstatus → persons; persons without a status are not counted. */
  statusCounts: Record<string, number>;
  /** Residents by the kommunenummer of their current bostedsadresse (residents without one are left out). */
  residentsByKommune: Record<string, number>;
  /** Residents by age in whole years at the reference date (100 = 100 and older) and kjoenn. */
  residentsByAgeSex: { age: number; kjoenn: 'mann' | 'kvinne'; count: number }[];
  /** As {@link residentsByAgeSex}, split by current sivilstand (`uoppgitt` when there is none). */
  residentsBySivilstand: { age: number; kjoenn: 'mann' | 'kvinne'; sivilstand: string; count: number }[];
  /**
   * Residents by current statsborgerskap, counted as SSB counts foreign citizens: `NOR` counts every
   * Norwegian citizen; another country counts only residents without Norwegian citizenship (a person
   * with two foreign citizenships is counted under both).
   */
  residentsByCitizenship: Record<string, number>;
  /** Residents with a foedeland other than NOR. */
  residentsBornAbroad: number;
  /** Residents with any innflytting element. */
  residentsWithInnflytting: number;
  /** Residents by current adressebeskyttelse, and residents with any current address graded klientadresse. */
  protectedCounts: { fortrolig: number; strengtFortrolig: number; klientadresse: number };
  /** Dwellings (residents sharing an address key) by their number of adults (≥ 18) and children (< 18). */
  dwellings: { adults: number; children: number; count: number }[];
}

/**
 * Age in whole years at the reference date; without a foedselsdato, the person counts as born on 1 July of
 * foedselsaar. Persons born after the reference date get no age and are left out of the age tables.
 */
const residents = (referenceDate: string) => sql`
  SELECT kjoenn, coalesce(sivilstand, 'uoppgitt') AS sivilstand, adressenoekkel,
    CASE WHEN born <= ${referenceDate}::date THEN extract(year FROM age(${referenceDate}::date::timestamp, born::timestamp))::integer END AS age
  FROM (
    SELECT *, coalesce(foedselsdato, make_date(foedselsaar, 7, 1)) AS born
    FROM register.person WHERE status = 'bosatt'
  ) bosatt`;

export async function populationAggregates(db: Kysely<unknown>, referenceDate: string): Promise<PopulationAggregates> {
  if (!isDate(referenceDate)) throw new RangeError('the reference date must be a real date written YYYY-MM-DD');
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const rows = async <R>(query: ReturnType<typeof sql<R>>) => (await query.execute(trx)).rows;
      const [totals] = await rows<{
        persons: number;
        born_abroad: number;
        innflytting: number;
        fortrolig: number;
        strengt_fortrolig: number;
        klientadresse: number;
      }>(sql`
        SELECT count(*) AS persons,
          count(*) FILTER (WHERE status = 'bosatt' AND foedeland <> 'NOR') AS born_abroad,
          count(*) FILTER (WHERE status = 'bosatt' AND har_innflytting) AS innflytting,
          count(*) FILTER (WHERE status = 'bosatt' AND adressebeskyttelse = 'fortrolig') AS fortrolig,
          count(*) FILTER (WHERE status = 'bosatt' AND adressebeskyttelse = 'strengtFortrolig') AS strengt_fortrolig,
          count(*) FILTER (WHERE status = 'bosatt' AND har_klientadresse) AS klientadresse
        FROM register.person`);
      const statuses = await rows<{ key: string; count: number }>(sql`
        SELECT status AS key, count(*) AS count FROM register.person WHERE status IS NOT NULL GROUP BY 1 ORDER BY 1`);
      const kommuner = await rows<{ key: string; count: number }>(sql`
        SELECT bosted_kommunenummer AS key, count(*) AS count FROM register.person
        WHERE status = 'bosatt' AND bosted_kommunenummer IS NOT NULL GROUP BY 1 ORDER BY 1`);
      const citizenships = await rows<{ key: string; count: number }>(sql`
        SELECT land AS key, count(*) AS count FROM register.person, unnest(statsborgerskap) AS land
        WHERE status = 'bosatt' AND (land = 'NOR' OR NOT ('NOR' = ANY (statsborgerskap))) GROUP BY 1 ORDER BY 1`);
      const bySivilstand = await rows<{ age: number; kjoenn: 'mann' | 'kvinne'; sivilstand: string; count: number }>(sql`
        SELECT least(age, 100) AS age, kjoenn, sivilstand, count(*) AS count FROM (${residents(referenceDate)}) r
        WHERE age IS NOT NULL AND kjoenn IN ('mann', 'kvinne') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
      const dwellings = await rows<{ adults: number; children: number; count: number }>(sql`
        SELECT adults, children, count(*) AS count FROM (
          SELECT count(*) FILTER (WHERE age >= 18) AS adults, count(*) FILTER (WHERE age < 18) AS children
          FROM (${residents(referenceDate)}) r WHERE adressenoekkel IS NOT NULL GROUP BY adressenoekkel
        ) dwelling GROUP BY 1, 2 ORDER BY 1, 2`);

      const byAgeSex = new Map<string, { age: number; kjoenn: 'mann' | 'kvinne'; count: number }>();
      for (const { age, kjoenn, count } of bySivilstand) {
        const key = `${age} ${kjoenn}`;
        const entry = byAgeSex.get(key);
        if (entry) entry.count += count;
        else byAgeSex.set(key, { age, kjoenn, count });
      }
      return {
        persons: totals?.persons ?? 0,
        statusCounts: record(statuses),
        residentsByKommune: record(kommuner),
        residentsByAgeSex: [...byAgeSex.values()],
        residentsBySivilstand: bySivilstand,
        residentsByCitizenship: record(citizenships),
        residentsBornAbroad: totals?.born_abroad ?? 0,
        residentsWithInnflytting: totals?.innflytting ?? 0,
        protectedCounts: {
          fortrolig: totals?.fortrolig ?? 0,
          strengtFortrolig: totals?.strengt_fortrolig ?? 0,
          klientadresse: totals?.klientadresse ?? 0,
        },
        dwellings,
      };
    });
}

function record(rows: readonly { key: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map(({ key, count }) => [key, count]));
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
