/**
 * Derives the compact reference tables of the population generator (packages/server/src/population/data/)
 * from the shared reference files (see docs/reference-data.md for sources, licences and choices).
 *
 *   node --conditions=folkeport-source --import tsx packages/server/scripts/derive-reference-data.ts
 *
 * The output is deterministic: one JSON row per line, sorted, so a re-run over the same sources is a no-op
 * and `test/population-reference.test.ts` can check that the committed tables are true to their sources.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the shared reference data lives: `$FOLKEPORT_SHARED/reference/data`, by default `<repo>/../shared/…`. */
export const referenceDataDir = resolve(
  process.env.FOLKEPORT_SHARED ?? resolve(repoRoot, '..', 'shared'),
  'reference',
  'data',
);

/** Where the derived tables are written. */
export const derivedDataDir = fileURLToPath(new URL('../src/population/data/', import.meta.url));

const SOURCES = {
  kommuner: 'kommuner-2025_aprestmo-norway-geodata.json',
  fylker: 'fylker-2025_aprestmo-norway-geodata.json',
  postnummer: 'postnummerregister-bring-2026-05-26_sindresorhus.tsv',
  fornavnKvinner: 'fornavn_kvinner_ssb2020_svmako.csv',
  fornavnMenn: 'fornavn_menn_ssb2020_svmako.csv',
  etternavn: 'etternavn_A-F_ssb2020_svmako.csv',
} as const;

const MAALFORM: Record<string, string> = { Bokmål: 'bokmaal', Nynorsk: 'nynorsk', Nøytral: 'noeytral' };

/** Bring categories kept: G (street addresses) and B (both) for homes, P (postboks) for box addresses. */
const KATEGORIER = new Set(['G', 'B', 'P']);

/** File name → file content of every derived table. */
export function deriveReferenceData(sourceDir: string = referenceDataDir): Map<string, string> {
  const read = (file: string) => {
    const path = resolve(sourceDir, file);
    if (!existsSync(path)) {
      throw new Error(`missing reference file ${path} (set FOLKEPORT_SHARED to the shared folder)`);
    }
    return readFileSync(path, 'utf8');
  };

  const fylker = (JSON.parse(read(SOURCES.fylker)) as { id: string; name: string }[])
    .map((fylke) => ({ fylkesnummer: fylke.id, navn: fylke.name }))
    .sort((a, b) => compare(a.fylkesnummer, b.fylkesnummer));
  const fylkesnumre = new Set(fylker.map((fylke) => fylke.fylkesnummer));

  type SourceKommune = { id: string; name_no: string; population: number; language: string };
  const kommuner = (JSON.parse(read(SOURCES.kommuner)) as SourceKommune[])
    .map((kommune) => {
      const fylkesnummer = kommune.id.slice(0, 2);
      const maalform = MAALFORM[kommune.language];
      if (!fylkesnumre.has(fylkesnummer)) throw new Error(`kommune ${kommune.id}: unknown fylke ${fylkesnummer}`);
      if (!maalform) throw new Error(`kommune ${kommune.id}: unknown målform ${kommune.language}`);
      const { id: kommunenummer, name_no: navn, population: folketall } = kommune;
      return { kommunenummer, navn, fylkesnummer, folketall, maalform };
    })
    .sort((a, b) => compare(a.kommunenummer, b.kommunenummer));
  const kommunenumre = new Set(kommuner.map((kommune) => kommune.kommunenummer));

  // Bring rows: postnummer, poststed, kommunenummer, kommunenavn, kategori. Svalbard (2100) and Jan Mayen (2211)
  // are no kommuner of the 357 and are left out, as are the S (service) codes.
  const postnummer = lines(read(SOURCES.postnummer))
    .map((line) => line.split('\t'))
    .filter(([, , kommunenummer = '', , kategori = '']) => kommunenumre.has(kommunenummer) && KATEGORIER.has(kategori))
    .map(([nummer = '', poststed = '', kommunenummer = '', , kategori = '']) => [
      nummer,
      poststed,
      kommunenummer,
      kategori,
    ])
    .sort((a, b) => compare(a[0] ?? '', b[0] ?? ''));

  const fornavn = {
    kvinne: nameCounts(read(SOURCES.fornavnKvinner)),
    mann: nameCounts(read(SOURCES.fornavnMenn)),
  };

  return new Map([
    ['fylker.json', rows(fylker)],
    ['kommuner.json', rows(kommuner)],
    ['postnummer.json', rows(postnummer)],
    ['fornavn.json', groupedRows(fornavn)],
    ['etternavn.json', rows(nameCounts(read(SOURCES.etternavn)))],
  ]);
}

/**
 * `navn;antall` lines (CRLF, with a header) → [navn, antall], most common first. Rows with a suppressed count
 * (`.`) are dropped: their weight is unknown.
 */
function nameCounts(csv: string): [string, number][] {
  return lines(csv)
    .slice(1)
    .map((line) => line.split(';'))
    .filter(([, count]) => count !== '.')
    .map(([name = '', count = '']): [string, number] => {
      if (!/^[0-9]+$/.test(count)) throw new Error(`name list: bad count in "${name};${count}"`);
      return [name, Number(count)];
    })
    .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.length > 0);
}

/** A JSON array with one compact row per line. */
function rows(items: readonly unknown[]): string {
  return `${rowArray(items)}\n`;
}

/** A JSON object of such arrays. */
function groupedRows(groups: Record<string, readonly unknown[]>): string {
  const members = Object.entries(groups).map(([key, items]) => `${JSON.stringify(key)}:${rowArray(items)}`);
  return `{\n${members.join(',\n')}\n}\n`;
}

function rowArray(items: readonly unknown[]): string {
  return `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
}

/** Code-point order: independent of the locale, so every machine writes the same bytes. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    for (const [file, content] of deriveReferenceData()) {
      writeFileSync(resolve(derivedDataDir, file), content);
      console.log(`${file}: ${Buffer.byteLength(content)} bytes`);
    }
  } catch (error) {
    console.error(`derive-reference-data: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
