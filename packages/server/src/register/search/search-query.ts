/**
 * The one search query behind `personer/soek` and `personer/entydigsoek`: validated criteria in, matching
 * persons out, over the read model of search-schema.ts. Criteria on navn and addresses match within one
 * element (one name, one address), current only or also historic.
 */
import { query, type Executor } from '../../store/query.js';
import type { AddressKind, IdentityKind } from './search-rows.js';

export interface NameCriterion {
  /** Upper-case whole words, or their phonetic keys when `phonetic`. */
  words: readonly string[];
  phonetic: boolean;
  historic: boolean;
  /** entydigsoek: the first word must be a word of fornavn and the last one of etternavn. */
  positional: { first: string; last: string } | undefined;
}

export interface AddressCriterion {
  kinds: readonly AddressKind[];
  historic: boolean;
  /** The `adressegradering` values the package may see. */
  graderinger: readonly string[];
  /** Normalised leading characters of the street name. */
  adressenavn?: string;
  /** The letter, or its absence (null), must match too. */
  husnummer?: { nummer: number; bokstav: string | null };
  postnummer?: string;
  kommunenummer?: string;
  fylkesnummer?: string;
}

export interface SearchCriteria {
  svalbardOnly: boolean;
  inkluderDoede: boolean;
  kjoenn?: string;
  /** `YYYY-MM-DD` */
  foedselsdato?: string;
  foedselsaarFraOgMed?: number;
  foedselsaarTilOgMed?: number;
  /** Current or historic fnr/dnr. */
  identifikasjonsnummer?: string;
  identities: readonly { kind: IdentityKind; verdi: string }[];
  navn?: NameCriterion;
  address?: AddressCriterion;
}

export interface SearchHit {
  personKey: number;
  folkeregisteridentifikator: string;
}

/** Up to `limit` persons matching every criterion, in no particular order. */
export async function findPersons(db: Executor, criteria: SearchCriteria, limit: number): Promise<SearchHit[]> {
  const parameters: unknown[] = [];
  const param = (value: unknown, type: string) => {
    parameters.push(value);
    return `$${parameters.length}::${type}`;
  };
  // Closed duplicates (status opphoert) are not persons of their own; their survivor is found instead.
  const where = [`p.status IS DISTINCT FROM 'opphoert'`];
  if (!criteria.inkluderDoede) where.push('NOT p.doed');
  if (criteria.svalbardOnly) where.push('p.svalbard');
  if (criteria.kjoenn !== undefined) where.push(`p.kjoenn = ${param(criteria.kjoenn, 'text')}`);
  if (criteria.foedselsdato !== undefined) where.push(`p.foedselsdato = ${param(criteria.foedselsdato, 'date')}`);
  if (criteria.foedselsaarFraOgMed !== undefined) where.push(`p.foedselsaar >= ${param(criteria.foedselsaarFraOgMed, 'int')}`);
  if (criteria.foedselsaarTilOgMed !== undefined) where.push(`p.foedselsaar <= ${param(criteria.foedselsaarTilOgMed, 'int')}`);
  if (criteria.identifikasjonsnummer !== undefined) {
    where.push(
      `p.person_key IN (SELECT person_key FROM register.identifier WHERE identifikator = ${param(criteria.identifikasjonsnummer, 'text')})`,
    );
  }
  for (const identity of criteria.identities) {
    where.push(`EXISTS (SELECT 1 FROM search.identity i WHERE i.kind = ${param(identity.kind, 'text')}
      AND i.verdi = ${param(identity.verdi, 'text')} AND i.person_key = p.person_key)`);
  }
  const { navn, address } = criteria;
  if (navn) {
    const [words, fornavn, etternavn] = navn.phonetic
      ? ['ord_fonetisk', 'fornavn_fonetisk', 'etternavn_fonetisk']
      : ['ord', 'fornavn', 'etternavn'];
    const conditions = [`n.${words} @> ${param(navn.words, 'text[]')}`];
    if (!navn.historic) conditions.push('n.gjeldende');
    if (navn.positional) {
      conditions.push(`${param(navn.positional.first, 'text')} = ANY (n.${fornavn})`);
      conditions.push(`${param(navn.positional.last, 'text')} = ANY (n.${etternavn})`);
    }
    where.push(`EXISTS (SELECT 1 FROM search.name n WHERE n.person_key = p.person_key AND ${conditions.join(' AND ')})`);
  }
  if (address) {
    const conditions = [
      `a.kind = ANY (${param(address.kinds, 'text[]')})`,
      `a.gradering = ANY (${param(address.graderinger, 'text[]')})`,
    ];
    if (!address.historic) conditions.push('a.gjeldende');
    if (address.adressenavn !== undefined) {
      conditions.push(`a.adressenavn LIKE ${param(`${escapeLike(address.adressenavn)}%`, 'text')}`);
    }
    if (address.husnummer !== undefined) {
      conditions.push(`a.husnummer = ${param(address.husnummer.nummer, 'int')}`);
      conditions.push(`a.husbokstav IS NOT DISTINCT FROM ${param(address.husnummer.bokstav, 'text')}`);
    }
    if (address.postnummer !== undefined) conditions.push(`a.postnummer = ${param(address.postnummer, 'text')}`);
    if (address.kommunenummer !== undefined) conditions.push(`a.kommunenummer = ${param(address.kommunenummer, 'text')}`);
    if (address.fylkesnummer !== undefined) conditions.push(`a.kommunenummer LIKE ${param(`${address.fylkesnummer}%`, 'text')}`);
    where.push(`EXISTS (SELECT 1 FROM search.address a WHERE a.person_key = p.person_key AND ${conditions.join(' AND ')})`);
  }
  const rows = await query<{ person_key: number | string; folkeregisteridentifikator: string }>(
    db,
    `SELECT p.person_key, p.folkeregisteridentifikator FROM search.person p
     WHERE ${where.join(' AND ')} LIMIT ${param(limit, 'int')}`,
    parameters,
  );
  return rows.map((row) => ({ personKey: Number(row.person_key), folkeregisteridentifikator: row.folkeregisteridentifikator }));
}

/** The text as a literal LIKE pattern (backslash is the default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
