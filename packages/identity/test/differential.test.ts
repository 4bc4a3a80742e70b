// Differential test against @navikt/fnrvalidator: every disagreement over a large deterministic
// sample must fall into a named, explained category. An unexplained disagreement fails the test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idnr } from '@navikt/fnrvalidator';
import { analyseIdNumber, generateIdNumbers, type IdErrorCode, type IdNumberAnalysis } from '@folkeport/identity';
import { testRandom, withCheckDigits } from './helpers.js';

type Navikt = ReturnType<typeof idnr>;

/**
 * A known difference. `rejects` names the Folkeport error the difference causes on a number
 * navikt accepts, when the digits show the cause; `accepts` covers numbers only Folkeport accepts.
 * Both are decided from the digits and navikt's verdict, not from Folkeport's messages.
 */
interface Category {
  name: string;
  why: string;
  rejects?: { code: IdErrorCode; when(number: string, theirs: NaviktValid): boolean };
  accepts?: (number: string, ours: IdNumberAnalysis) => boolean;
}

type NaviktValid = Extract<Navikt, { status: 'valid' }>;

const field = (number: string, from: number, to: number) => Number(number.slice(from, to));
const yy = (number: string) => field(number, 4, 6);
const individnummer = (number: string) => field(number, 6, 9);
const firstDigit = (number: string) => field(number, 0, 1);
const monthDigit = (number: string) => field(number, 2, 3);
const isD = (number: string) => firstDigit(number) >= 4 && firstDigit(number) <= 7;
/** Day and month with the D-number, H/NAV and Tenor offsets removed. */
const dayMonth = (number: string) => `${firstDigit(number) % 4}${number[1]}.${monthDigit(number) % 4}${number[3]}`;

const categories: Category[] = [
  {
    name: 'FH-nummer unknown to navikt',
    why: 'An FH-nummer (first digit 8 or 9, Norsk helsenett) carries no date; navikt reads the first two digits as a day and rejects it.',
    accepts: (number, ours) => ours.kind === 'fhNummer' && firstDigit(number) >= 8,
  },
  {
    name: 'navikt accepts an individnummer outside every century series',
    why: 'navikt checks the date with 19YY and ignores the individnummer; Folkeport rejects individnummer that no fødselsnummer series allows for the year (750–899 with year ≥ 40, 500–749 with year 40–53).',
    rejects: {
      code: 'individnummer-out-of-series',
      when: (n) =>
        !isD(n) &&
        ((individnummer(n) >= 750 && individnummer(n) <= 899 && yy(n) >= 40) ||
          (individnummer(n) >= 500 && individnummer(n) <= 749 && yy(n) >= 40 && yy(n) <= 53)),
    },
  },
  {
    name: 'navikt accepts a D-number individnummer 500–599 with year 40–53',
    why: 'In both D-number tables (before and after the 2021 expansion) 500–599 is for people born in the 1800s, from 1854 or 1858; no D-number has it with a year of 40–53.',
    rejects: {
      code: 'individnummer-out-of-series',
      when: (n) => isD(n) && individnummer(n) >= 500 && individnummer(n) <= 599 && yy(n) >= 40 && yy(n) <= 53,
    },
  },
  {
    name: 'navikt assumes 2000 for year 00 in its leap-year check',
    why: 'For 29 February with year 00 navikt always uses 2000, a leap year; when the individnummer gives 1900, which is not one, Folkeport rejects the date.',
    rejects: { code: 'impossible-date', when: (n) => dayMonth(n) === '29.02' && yy(n) === 0 },
  },
  {
    name: 'Folkeport reads month + 40 as H-nummer, which a D-nummer cannot have',
    why: "navikt accepts day + 40 with month + 40 as 'dnr-and-hnr'. Such numbers exist only as NAV synthetic D-numbers; Folkeport accepts them with plus40: 'nav' and rejects them by default.",
    rejects: {
      code: 'impossible-date',
      when: (n, theirs) => theirs.type === 'dnr-and-hnr' && isD(n) && (monthDigit(n) === 4 || monthDigit(n) === 5),
    },
  },
];

/** The categories that together explain a disagreement, or null when it is unexplained. */
function explain(number: string, ours: IdNumberAnalysis, theirs: Navikt): Category[] | null {
  if (ours.valid) {
    const category = theirs.status === 'invalid' ? categories.find((c) => c.accepts?.(number, ours)) : undefined;
    return category ? [category] : null;
  }
  if (theirs.status !== 'valid') return null;
  const applicable = categories.filter((c) => c.rejects?.when(number, theirs));
  const explained = ours.errors.every((error) => applicable.some((c) => c.rejects?.code === error.code));
  return explained ? applicable.filter((c) => ours.errors.some((error) => error.code === c.rejects?.code)) : null;
}

/** navikt's type as Folkeport's kind and synthetic scheme, for numbers both accept. */
const NAVIKT_TYPES: Record<string, [IdNumberAnalysis['kind'], IdNumberAnalysis['syntheticScheme']]> = {
  fnr: ['foedselsnummer', null],
  dnr: ['dNummer', null],
  hnr: ['hNummer', null],
  tnr: ['foedselsnummer', 'tenor'],
  'dnr-and-tnr': ['dNummer', 'tenor'],
};

function sample(): { source: string; numbers: string[] }[] {
  const random = testRandom(116);
  const uniform = Array.from({ length: 100_000 }, () => random.digits(11));
  // Plausible numbers: a day, a month and a year with the usual offsets, any individnummer, and
  // check digits that pass under one of the rules.
  const plausible: string[] = [];
  while (plausible.length < 100_000) {
    const day = random.below(100) < 10 ? 80 + random.below(20) : random.below(32) + random.pick([0, 40]);
    const month = random.below(13) + random.pick([0, 40, 80]);
    const first9 = [day, month, random.below(100)].map((v) => String(v).padStart(2, '0')).join('') + random.digits(3);
    const number = withCheckDigits(first9, random.pick([0, 0, 1, 2, 3]));
    if (number) plausible.push(number);
  }
  // Every individnummer for the century boundaries and for 29 February 00, as fnr and D-number.
  const boundaries: string[] = [];
  for (const prefix of ['290200', '690200', '010139', '010140', '010153', '010154', '010157', '010158', '410199', '410153', '418540']) {
    for (let i = 0; i < 1000; i++) {
      for (const remainder of [0, 1]) {
        const number = withCheckDigits(prefix + String(i).padStart(3, '0'), remainder);
        if (number) boundaries.push(number);
      }
    }
  }
  const generated = [
    ...generateIdNumbers(20_000, { seed: 1 }),
    ...generateIdNumbers(20_000, { seed: 2, kind: 'dNummer', synthetic: false }),
    ...generateIdNumbers(10_000, { seed: 3, rule: '2032', synthetic: false }),
    ...generateIdNumbers(10_000, { seed: 4, kind: 'hNummer' }),
    ...generateIdNumbers(5_000, { seed: 5, kind: 'fhNummer' }),
  ];
  return [
    { source: 'uniform random 11 digits', numbers: uniform },
    { source: 'plausible random numbers', numbers: plausible },
    { source: 'century boundaries', numbers: boundaries },
    { source: 'generated by Folkeport', numbers: generated },
  ];
}

test('every disagreement with @navikt/fnrvalidator is explained', (t) => {
  const counts = new Map<string, number>(categories.map((c) => [c.name, 0]));
  const unexplained: string[] = [];
  let compared = 0;
  for (const { source, numbers } of sample()) {
    for (const number of numbers) {
      compared++;
      const ours = analyseIdNumber(number);
      const theirs = idnr(number);
      const agree =
        theirs.status === 'valid'
          ? ours.valid && NAVIKT_TYPES[theirs.type]?.[0] === ours.kind && NAVIKT_TYPES[theirs.type]?.[1] === ours.syntheticScheme
          : !ours.valid;
      if (agree) continue;
      const explanation = explain(number, ours, theirs);
      for (const category of explanation ?? []) counts.set(category.name, (counts.get(category.name) ?? 0) + 1);
      if (!explanation) {
        unexplained.push(`${number} (${source}): navikt ${JSON.stringify(theirs)}, Folkeport ${ours.valid ? `valid ${ours.kind}` : ours.errors.map((e) => e.code).join('+')}`);
      }
    }
  }
  for (const [name, count] of counts) t.diagnostic(`${count} × ${name}`);
  t.diagnostic(`${compared} numbers compared`);
  assert.deepEqual(unexplained.slice(0, 20), [], `${unexplained.length} unexplained disagreements (first 20 shown)`);
  for (const [name, count] of counts) assert.ok(count > 0, `category never seen: ${name}`);
});

test("navikt's dnr-and-hnr example is a NAV synthetic D-number when plus40 is 'nav'", () => {
  assert.deepEqual(idnr('68467038838'), { status: 'valid', type: 'dnr-and-hnr' });
  const analysis = analyseIdNumber('68467038838', { plus40: 'nav' });
  assert.deepEqual(
    [analysis.valid, analysis.kind, analysis.syntheticScheme, analysis.birthDate, analysis.gender],
    [true, 'dNummer', 'nav', '1970-06-28', 'kvinne'],
  );
  assert.deepEqual(analyseIdNumber('68467038838').errors.map((e) => e.code), ['impossible-date']);
});
