// Register store bulk load: NewPerson batches of realistic documents (≈ 4.5 KB JSON each) inserted into
// PostgreSQL (a throw-away database) and the embedded PGlite (a temporary data directory), at a few batch
// sizes, plus PostgreSQL with two batches in flight on two connections. Prints persons/s and rows/s.
// Run: node --conditions=folkeport-source --import tsx bench/register-load.bench.ts (about 2 minutes).
// PostgreSQL: FOLKEPORT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createIdGenerator } from '@folkeport/identity';
import type { Folkeregisterperson } from '@folkeport/model';
import { openDatabase, type Database, type DatabaseOptions } from '../packages/server/src/store/database.js';
import { openRegisterStore, type RegisterStore } from '../packages/server/src/register/register-store.js';
import type { NewPerson } from '../packages/server/src/register/person-record.js';

const POSTGRES_PERSONS = 50_000;
const PGLITE_PERSONS = 20_000;
const BATCH_SIZES = [250, 1000, 4000];
const DATABASE_URL = process.env.FOLKEPORT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// ------------------------------------------------------------------------------------------------
// Synthetic persons: one template document in the shape of FREG's synthetic test persons, with the
// identifiers, names, dates and addresses varied per person.

const ids = createIdGenerator({ seed: 7 });
const FORNAVN = ['OLA', 'KARI', 'NORA', 'JAKOB', 'EMMA', 'FILIP', 'SARA', 'LUKAS', 'INGRID', 'AKSEL'];
const ETTERNAVN = ['HANSEN', 'JOHANSEN', 'OLSEN', 'LARSEN', 'ANDERSEN', 'PEDERSEN', 'NILSEN', 'KRISTIANSEN'];
const GATER = ['Storgata', 'Kirkeveien', 'Elvegata', 'Skolebakken', 'Fjordveien', 'Granstien'];

function meta(at: string, gyldig: string, aarsak: string, erGjeldende = true) {
  return { ajourholdstidspunkt: at, erGjeldende, kilde: 'Synutopia', aarsak, gyldighetstidspunkt: `${gyldig}T00:00:00+01:00` };
}

function vegadresse(i: number, kommune: string, postnummer: string) {
  return {
    kommunenummer: kommune,
    bruksenhetsnummer: `H0${101 + (i % 4)}`,
    bruksenhetstype: 'bolig' as const,
    adressenavn: GATER[i % GATER.length] as string,
    adressenummer: { husnummer: String(1 + (i % 97)) },
    adressekode: String(1000 + (i % 8000)),
    poststed: { poststedsnavn: 'TESTBY', postnummer },
  };
}

function document(i: number): Folkeregisterperson {
  const year = 1940 + (i % 80);
  const monthDay = `${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i >> 4) % 28)).padStart(2, '0')}`;
  const born = `${year}-${monthDay}`;
  const gender = i % 2 === 0 ? 'mann' : 'kvinne';
  const fnr = ids.next({ kind: 'foedselsnummer', birthDate: born, gender, synthetic: true });
  const partner = ids.next({ kind: 'foedselsnummer', birthDate: `${year + 1}-${monthDay}`, synthetic: true });
  const mor = ids.next({ kind: 'foedselsnummer', birthDate: `${year - 28}-${monthDay}`, gender: 'kvinne', synthetic: true });
  const far = ids.next({ kind: 'foedselsnummer', birthDate: `${year - 30}-${monthDay}`, gender: 'mann', synthetic: true });
  const at = `2021-11-17T14:24:51.${String(572000171 + i).padStart(9, '0')}+01:00`;
  const base = meta(at, born, 'Grunnbefolkning');
  return {
    identifikasjonsnummer: [{ ...base, status: 'iBruk', foedselsEllerDNummer: fnr, identifikatortype: 'foedselsnummer' }],
    status: [{ ...base, status: 'bosatt' }],
    kjoenn: [{ ...base, kjoenn: gender }],
    foedsel: [
      { ...base, foedselsdato: born, foedselsaar: String(year), foedested: 'Ås', foedekommuneINorge: '3218', foedeland: 'NOR' },
    ],
    foedselINorge: [{ ...base, foedselsinstitusjonsnavn: 'Håndfast Testinstitusjon' }],
    familierelasjon: [
      {
        ...meta(at, '2015-05-21', 'Vigsel'),
        relatertPerson: partner,
        relatertPersonsRolle: 'ektefelleEllerPartner',
        minRolleForPerson: 'ektefelleEllerPartner',
      },
      { ...base, relatertPerson: mor, relatertPersonsRolle: 'mor', minRolleForPerson: 'barn' },
      { ...base, relatertPerson: far, relatertPersonsRolle: 'far', minRolleForPerson: 'barn' },
    ],
    sivilstand: [
      {
        ...meta(at, '2015-05-21', 'Vigsel'),
        sivilstand: 'gift',
        sivilstandsdato: '2015-05-21',
        myndighet: 'ANSATT_I_KOMMUNE',
        kommune: '5542',
        sted: 'Kort Testrådhus',
        relatertVedSivilstand: partner,
      },
      { ...meta(at, born, 'Grunnbefolkning', false), sivilstand: 'ugift', sivilstandsdato: born },
    ],
    navn: [
      {
        ...base,
        fornavn: FORNAVN[i % FORNAVN.length] as string,
        mellomnavn: `${FORNAVN[(i >> 3) % FORNAVN.length]}-${i}`,
        etternavn: ETTERNAVN[(i >> 1) % ETTERNAVN.length] as string,
      },
    ],
    bostedsadresse: [
      {
        ...meta(at, '2024-02-24', 'Flytting innenlands'),
        vegadresse: vegadresse(i, '4628', '5727'),
        adresseIdentifikatorFraMatrikkelen: String(152914902 + i),
        adressegradering: 'ugradert',
        flyttedato: '2024-02-24',
        grunnkrets: 304,
        stemmekrets: 3,
        skolekrets: 12,
        kirkekrets: 3,
      },
      {
        ...meta(at, '2003-03-20', 'Grunnbefolkning', false),
        vegadresse: vegadresse(i + 1, '3218', '1430'),
        adresseIdentifikatorFraMatrikkelen: String(125002930 + i),
        adressegradering: 'ugradert',
        flyttedato: '2003-03-20',
        grunnkrets: 217,
        stemmekrets: 1,
        skolekrets: 2,
        kirkekrets: 1,
      },
    ],
    statsborgerskap: [{ ...base, statsborgerskap: 'NOR', ervervsdato: born }],
  };
}

let nextId = 0n;
const hex = () => (++nextId).toString(16).padStart(32, '0');

function batchOf(size: number, offset: number): NewPerson[] {
  return Array.from({ length: size }, (_, i) => ({
    document: document(offset + i),
    dokumentidentifikator: hex(),
    hendelsesidentifikator: hex(),
    registrert: '2021-11-17T14:24:51.572000171+01:00',
  }));
}

// ------------------------------------------------------------------------------------------------

interface Plan {
  batch: number;
  /** Batches in flight at once, each on its own connection (PostgreSQL only). */
  inFlight: number;
}

interface Result extends Plan {
  database: string;
  persons: number;
  rows: number;
  seconds: number;
}

/** Inserts `total` persons in batches; only the `insertPersons` calls are timed, not building the batches. */
async function load(store: RegisterStore, total: number, { batch, inFlight }: Plan) {
  let seconds = 0;
  let rows = 0;
  for (let done = 0; done < total; done += batch * inFlight) {
    const batches = Array.from({ length: inFlight }, (_, k) => done + k * batch)
      .filter((offset) => offset < total)
      .map((offset) => batchOf(Math.min(batch, total - offset), offset));
    // person + first version + event, plus one row per identifier
    rows += batches.flat().reduce((sum, p) => sum + 3 + (p.document.identifikasjonsnummer?.length ?? 0), 0);
    const started = performance.now();
    await Promise.all(batches.map((persons) => store.insertPersons(persons)));
    seconds += (performance.now() - started) / 1000;
  }
  return { seconds, rows };
}

async function measure(database: string, options: DatabaseOptions, persons: number, plans: Plan[]): Promise<Result[]> {
  const db: Database = await openDatabase(options);
  const results: Result[] = [];
  try {
    const store = await openRegisterStore(db);
    await load(store, 2000, { batch: 1000, inFlight: 1 }); // warm-up: JIT, caches, first extension of the tables
    for (const plan of plans) {
      await store.clear();
      const { seconds, rows } = await load(store, persons, plan);
      results.push({ database, ...plan, persons, rows, seconds });
      console.error(`${database} batch ${plan.batch} × ${plan.inFlight}: ${Math.round(persons / seconds)} persons/s`);
    }
    await store.clear();
  } finally {
    await db.close();
  }
  return results;
}

const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect().catch((error: Error) => {
  throw new Error(`PostgreSQL is not reachable (${error.message}); set FOLKEPORT_TEST_DATABASE_URL`);
});
const name = `folkeport_bench_${randomBytes(4).toString('hex')}`;
await admin.query(`CREATE DATABASE ${name}`);
const { rows: versionRows } = await admin.query<{ server_version: string }>('SHOW server_version');
const url = new URL(DATABASE_URL);
url.pathname = `/${name}`;
const dataDir = mkdtempSync(join(os.tmpdir(), 'folkeport-bench-'));
const sample = JSON.stringify(document(0)).length;
const load1 = os.loadavg()[0] ?? 0;
nextId = 0n;

const serial = BATCH_SIZES.map((batch): Plan => ({ batch, inFlight: 1 }));
const results: Result[] = [];
try {
  const postgres = { databaseUrl: url.toString() };
  results.push(...(await measure('PostgreSQL', postgres, POSTGRES_PERSONS, [...serial, { batch: 1000, inFlight: 2 }])));
  results.push(...(await measure('PGlite', { dataDir }, PGLITE_PERSONS, serial)));
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}

const cpu = `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`;
console.log(`Node ${process.version}, ${cpu}, PostgreSQL ${versionRows[0]?.server_version}; load average ${load1.toFixed(2)}`);
console.log(`Documents of ${sample} bytes of JSON`);
console.table(
  results.map((r) => ({
    database: r.database,
    'batch size': r.batch,
    'in flight': r.inFlight,
    persons: r.persons,
    'persons/s': Math.round(r.persons / r.seconds).toLocaleString('en-US'),
    'rows/s': Math.round(r.rows / r.seconds).toLocaleString('en-US'),
    'MB/s of JSON': ((r.persons * sample) / r.seconds / 1e6).toFixed(1),
  })),
);
