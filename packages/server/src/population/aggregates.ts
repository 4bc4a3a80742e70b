/**
 * The raw figures `folkeport stats` judges a population by. The store computes them (one pass of
 * aggregate queries over the current person documents); population/stats.ts turns them into a report.
 *
 * «Resident» means a person whose current folkeregisterpersonstatus is `bosatt`. Ages are whole
 * years at the reference date (default 2024-01-01, the date of the SSB figures); 100 means 100 or
 * older. Every count below except `persons` and `statusCounts` is over residents only.
 */
export interface PopulationAggregates {
  /** All person documents, whatever their status. */
  persons: number;
  /** Persons by current folkeregisterpersonstatus (bosatt, utflyttet, doed, opphoert, inaktiv, midlertidig, …). */
  statusCounts: Record<string, number>;
  /** Residents by kommunenummer of their current bostedsadresse (4 digits). */
  residentsByKommune: Record<string, number>;
  residentsByAgeSex: { age: number; kjoenn: 'mann' | 'kvinne'; count: number }[];
  /** Residents by age, sex and current sivilstand (the FREG code: ugift, gift, skilt, …). */
  residentsBySivilstand: { age: number; kjoenn: 'mann' | 'kvinne'; sivilstand: string; count: number }[];
  /** Residents by current statsborgerskap (ISO 3166-1 alpha-3; a person with several counts under each). */
  residentsByCitizenship: Record<string, number>;
  /** Residents whose foedeland (country of birth) is not NOR. */
  residentsBornAbroad: number;
  /** Residents with at least one innflytting (immigration) registered. */
  residentsWithInnflytting: number;
  /** Residents with adressebeskyttelse fortrolig / strengtFortrolig, and residents with a klientadresse. */
  protectedCounts: { fortrolig: number; strengtFortrolig: number; klientadresse: number };
  /**
   * Dwellings (residents sharing the same current bostedsadresse) grouped by how many adults (18+)
   * and children (under 18) live there: `count` dwellings have exactly that make-up.
   */
  dwellings: { adults: number; children: number; count: number }[];
}
