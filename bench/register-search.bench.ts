// Person search: building the search read model (schema `search`) from a freshly loaded population, then
// `GET personer/soek` and `GET personer/entydigsoek` through the whole route (token, parameters, index freshness
// check, query, audit, JSON) for real persons of the register, p50/p99 per kind of search, then catching up a
// batch of live changes (renames).
// Run: node --conditions=folkeport-source --import tsx bench/register-search.bench.ts (a few minutes)
// Sizes: BENCH_SEARCH_PERSONS residents (default 85 000, which stores ≈ 100 000 persons), BENCH_SEARCH_PGLITE
// residents for the embedded database (default 20 000; 0 skips it). PostgreSQL from FOLKEPORT_TEST_DATABASE_URL,
// default postgres://postgres@127.0.0.1:5432/test (a throw-away database is created and dropped).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Folkeregisterperson } from '@folkeport/model';
import { loadPopulation } from '../packages/server/src/loader/load-population.js';
import { openRegisterStore, type RegisterStore } from '../packages/server/src/register/register-store.js';
import { openSearchIndex } from '../packages/server/src/register/search/search-index.js';
import { registerSearchRoutes } from '../packages/server/src/register/search/search-routes.js';
import { openDatabase, type Database, type DatabaseOptions } from '../packages/server/src/store/database.js';
import { registerApi } from '../packages/server/test/register-api-fixture.js';
import { current, rename } from '../packages/server/test/register-feed-fixture.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const POSTGRES_RESIDENTS = Number(process.env.BENCH_SEARCH_PERSONS ?? 85_000);
const PGLITE_RESIDENTS = Number(process.env.BENCH_SEARCH_PGLITE ?? 20_000);
const SAMPLES = 150;
const CHANGES = 2_000;

type Doc = Folkeregisterperson;
type Query = Record<string, string>;

const seconds = (since: number) => (performance.now() - since) / 1000;
const compact = (date: string | undefined) => (date ?? '').replaceAll('-', '');
const first = (words: string | undefined) => (words ?? '').split(' ')[0] as string;

/** Kinds of search, each built from one sampled person (undefined when the person does not fit). */
const SEARCHES: [string, 'soek' | 'entydigsoek', (doc: Doc) => Query | undefined][] = [
  ['soek etternavn', 'soek', (doc) => ({ navn: first(current(doc, 'navn')?.etternavn as string) })],
  ['soek fornavn + etternavn', 'soek', (doc) => ({ navn: `${first(current(doc, 'navn')?.fornavn as string)} ${first(current(doc, 'navn')?.etternavn as string)}` })],
  ['soek etternavn fonetisk', 'soek', (doc) => ({ navn: first(current(doc, 'navn')?.etternavn as string), soekFonetisk: 'true' })],
  ['soek etternavn historisk', 'soek', (doc) => ({ navn: first(current(doc, 'navn')?.etternavn as string), opplysningsgrunnlag: 'historisk' })],
  ['soek foedselsdato', 'soek', (doc) => ({ foedselsdato: compact(current(doc, 'foedsel')?.foedselsdato as string) })],
  ['soek kjoenn + foedselsaar', 'soek', (doc) => ({ kjoenn: current(doc, 'kjoenn')?.kjoenn as string, foedselsaarFraOgMed: current(doc, 'foedsel')?.foedselsaar as string, foedselsaarTilOgMed: current(doc, 'foedsel')?.foedselsaar as string })],
  ['soek adressenavn (3 tegn) + husnummer', 'soek', (doc) => street(doc) && { adressenavn: street(doc)?.adressenavn.slice(0, 3) as string, husnummer: street(doc)?.husnummer as string }],
  ['soek postnummer', 'soek', (doc) => street(doc) && { postnummer: street(doc)?.postnummer as string }],
  ['soek kommunenummer (often > 10 000 → 400)', 'soek', (doc) => street(doc) && { kommunenummer: street(doc)?.kommunenummer as string }],
  ['entydigsoek navn + foedselsdato', 'entydigsoek', (doc) => ({ navn: fullName(doc), foedselsdato: compact(current(doc, 'foedsel')?.foedselsdato as string) })],
  ['entydigsoek navn + postnummer', 'entydigsoek', (doc) => street(doc) && { navn: fullName(doc), postnummer: street(doc)?.postnummer as string }],
  ['entydigsoek navn + adressenavn + husnummer', 'entydigsoek', (doc) => street(doc) && { navn: fullName(doc), adressenavn: street(doc)?.adressenavn as string, husnummer: street(doc)?.husnummer as string }],
  ['entydigsoek navn fonetisk + foedselsdato, historisk', 'entydigsoek', (doc) => ({ navn: fullName(doc), foedselsdato: compact(current(doc, 'foedsel')?.foedselsdato as string), soekFonetisk: 'true', opplysningsgrunnlag: 'historisk' })],
];

function fullName(doc: Doc) {
  const navn = current(doc, 'navn');
  return `${first(navn?.fornavn as string)} ${navn?.etternavn as string}`;
}

function street(doc: Doc) {
  const bosted = current(doc, 'bostedsadresse') as { adressegradering?: string; vegadresse?: { adressenavn: string; kommunenummer: string; adressenummer?: { husnummer: string; husbokstav?: string }; poststed?: { postnummer?: string } } } | undefined;
  const veg = bosted?.vegadresse;
  if (!veg?.adressenummer || !veg.poststed?.postnummer || (bosted?.adressegradering ?? 'ugradert') !== 'ugradert') return undefined;
  return {
    adressenavn: veg.adressenavn,
    husnummer: `${veg.adressenummer.husnummer}${veg.adressenummer.husbokstav ?? ''}`,
    postnummer: veg.poststed.postnummer,
    kommunenummer: veg.kommunenummer,
  };
}

/** Living persons spread evenly over the register, by their creation events. */
async function samplePersons(register: RegisterStore, count: number): Promise<Doc[]> {
  const last = await register.lastEventSequence();
  const docs: Doc[] = [];
  for (let i = 0; docs.length < count && i < count * 2; i++) {
    const [event] = await register.events(1 + Math.floor((i * last) / (count * 2)), 1);
    const person = event && (await register.currentByIdentifier(event.folkeregisteridentifikator));
    const status = person && current(person.document, 'status')?.status;
    if (person && status !== 'doed' && status !== 'opphoert') docs.push(person.document);
  }
  return docs;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function run(label: string, db: Database, residents: number) {
  const register = await openRegisterStore(db);
  let started = performance.now();
  await loadPopulation(register, { population: { persons: residents, seed: 11 }, workers: os.availableParallelism() });
  const persons = await register.lastEventSequence();
  console.log(`${label}: ${persons} persons loaded in ${seconds(started).toFixed(1)} s`);

  const index = await openSearchIndex(db);
  started = performance.now();
  const built = await index.catchUp();
  const build = seconds(started);
  console.log(`${label}: search index built for ${built.persons} persons in ${build.toFixed(1)} s`);

  const api = await registerApi(db, [registerSearchRoutes], { persons: [], requestsPerMinute: 1_000_000 });
  const samples = await samplePersons(register, SAMPLES);
  const rows: Record<string, string | number>[] = [];
  for (const [name, endpoint, build] of SEARCHES) {
    const timings: number[] = [];
    const statuses = new Map<number, number>();
    let hits = 0;
    for (const doc of samples) {
      const query = build(doc);
      if (!query) continue;
      const t = performance.now();
      const response = await api.call('offentligMedHjemmel', 'GET', `/personer/${endpoint}?${new URLSearchParams(query)}`);
      timings.push(performance.now() - t);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 200 && endpoint === 'soek') hits += (response.json() as { foedselsEllerDNummer: string[] }).foedselsEllerDNummer.length;
      if (response.status >= 500) throw new Error(`${name}: ${response.status} ${response.body}`);
    }
    timings.sort((a, b) => a - b);
    rows.push({
      database: label,
      search: name,
      requests: timings.length,
      statuses: [...statuses].map(([status, n]) => `${status}×${n}`).join(' '),
      'mean hits': endpoint === 'soek' ? Math.round(hits / Math.max(1, statuses.get(200) ?? 0)) : '',
      'p50 ms': Number(percentile(timings, 50).toFixed(1)),
      'p99 ms': Number(percentile(timings, 99).toFixed(1)),
    });
  }
  await api.app.close();

  const changed = await register.events(1, CHANGES);
  for (const event of changed) {
    const person = await register.currentByIdentifier(event.folkeregisteridentifikator);
    if (person) await register.applyChange(event.folkeregisteridentifikator, rename(person.document, 'BENK'));
  }
  started = performance.now();
  const caughtUp = await index.catchUp();
  const changeCatchUp = seconds(started);
  return {
    summary: {
      database: label,
      persons,
      'index build s': Number(build.toFixed(1)),
      'persons/s': Math.round(built.persons / build),
      'changes caught up': caughtUp.persons,
      'change catch-up s': Number(changeCatchUp.toFixed(2)),
    },
    rows,
  };
}

async function withDatabase<T>(options: DatabaseOptions, body: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(options);
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}

async function postgres() {
  return withThrowAwayPostgres((url) => withDatabase({ databaseUrl: url }, (db) => run('PostgreSQL', db, POSTGRES_RESIDENTS)));
}

async function pglite() {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'folkeport-bench-'));
  try {
    return await withDatabase({ dataDir }, (db) => run('PGlite', db, PGLITE_RESIDENTS));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}`);
const results = [await postgres()];
if (PGLITE_RESIDENTS > 0) results.push(await pglite());
console.table(results.map((result) => result.summary));
console.table(results.flatMap((result) => result.rows));
