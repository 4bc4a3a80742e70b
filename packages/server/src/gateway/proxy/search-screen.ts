/**
 * Address searches under the hide policy. A search answer holds no address, but a hit found through an address
 * criterion tells where the person lives — and the package with hjemmel searches graded (`fortrolig`,
 * `klientadresse`) addresses too (docs/register-search.md, "Grading"). So when a role hides graded addresses and
 * the request did not ask to see them, the hits of an address search are screened: the gateway looks them up
 * (bulk, only adressebeskyttelse and the searched address elements; never delivered) and removes every person
 * with a graded bosteds- or oppholdsadresse or with adressebeskyttelse. `soek` then answers without them;
 * `entydigsoek` answers as FREG does for no hit (404).
 */
import { ADRESSEGRADERINGER } from '@folkeport/model';

/** The criteria of `personer/soek` and `personer/entydigsoek` that match addresses (consumer API §5). */
const ADDRESS_CRITERIA = new Set(['adressenavn', 'husnummer', 'postnummer', 'kommunenummer', 'fylkesnummer']);

const GRADED: ReadonlySet<string> = new Set(ADRESSEGRADERINGER.filter((gradering) => gradering !== 'ugradert'));
const PROTECTED: ReadonlySet<unknown> = new Set(['fortrolig', 'strengtFortrolig']);
const BULK_SIZE = 1000;

/** Whether the raw query uses an address criterion (a non-empty value), and whether it searches history. */
export function addressSearch(rawQuery: string): { addresses: boolean; historic: boolean } {
  const query = new URLSearchParams(rawQuery);
  let addresses = false;
  for (const [name, value] of query) if (ADDRESS_CRITERIA.has(name) && value.trim() !== '') addresses = true;
  return { addresses, historic: query.get('opplysningsgrunnlag') === 'historisk' };
}

/** A bulk lookup through the upstream: the parsed `oppslag` of `{foedselsEllerDNummer: ids}` with these parts. */
export type BulkLookup = (ids: readonly string[], parts: readonly string[]) => Promise<unknown>;

/** The identifiers among `ids` whose persons have a graded address or adressebeskyttelse. */
export async function gradedAmong(ids: readonly string[], historic: boolean, lookUp: BulkLookup): Promise<Set<string>> {
  const graded = new Set<string>();
  const parts = ['adressebeskyttelse', 'bostedsadresse', 'oppholdsadresse', ...(historic ? ['historikk'] : [])];
  for (let start = 0; start < ids.length; start += BULK_SIZE) {
    const answer = (await lookUp(ids.slice(start, start + BULK_SIZE), parts)) as { oppslag?: unknown } | undefined;
    if (!Array.isArray(answer?.oppslag)) throw new Error('the screening lookup did not answer with oppslag');
    for (const oppslag of answer.oppslag as { foedselsEllerDNummer?: string; folkeregisterperson?: Record<string, unknown> }[]) {
      const person = oppslag.folkeregisterperson;
      if (person !== undefined && oppslag.foedselsEllerDNummer !== undefined && isGraded(person)) graded.add(oppslag.foedselsEllerDNummer);
    }
  }
  return graded;
}

function isGraded(person: Record<string, unknown>): boolean {
  const entries = (name: string) => (Array.isArray(person[name]) ? (person[name] as Record<string, unknown>[]) : []);
  if (entries('adressebeskyttelse').some((entry) => entry.erGjeldende !== false && PROTECTED.has(entry.graderingsnivaa))) return true;
  return ['bostedsadresse', 'oppholdsadresse'].some((name) =>
    entries(name).some((entry) => typeof entry.adressegradering === 'string' && GRADED.has(entry.adressegradering)),
  );
}
