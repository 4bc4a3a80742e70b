// What the validator reports for each kind of mistake, the options, and the boolean fast path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyseIdNumber, generateIdNumbers, isValidIdNumber, type IdNumberOptions } from '@folkeport/identity';
import { k1For, k2For, withCheckDigits } from './helpers.js';

/** A number with correct check digits for nine given digits (classic rule unless told). */
function complete(first9: string, remainder = 0): string {
  const number = withCheckDigits(first9, remainder);
  assert.ok(number, `no check digits for ${first9} with remainder ${remainder}`);
  return number;
}

/** The first individnummer (from 000) for which `accept` holds, completed with check digits. */
function findNumber(prefix6: string, accept: (first9: string) => string | null): string {
  for (let individnummer = 0; individnummer < 1000; individnummer++) {
    const found = accept(prefix6 + String(individnummer).padStart(3, '0'));
    if (found) return found;
  }
  throw new Error(`nothing found for ${prefix6}`);
}

const codes = (input: string, options?: IdNumberOptions) => analyseIdNumber(input, options).errors.map((e) => e.code);

test('wrong length is reported with the length, and nothing is decoded', () => {
  const analysis = analyseIdNumber('038515987');
  assert.deepEqual(analysis.errors, [{ code: 'length', message: 'has 9 characters; an identity number has 11 digits' }]);
  assert.equal(analysis.kind, null);
  assert.equal(analysis.synthetic, false);
  assert.deepEqual(codes(''), ['length']);
  assert.equal(isValidIdNumber(''), false);
  assert.equal(isValidIdNumber('038515987301'), false);
});

test('non-digits are reported with their position, together with a wrong length', () => {
  assert.deepEqual(analyseIdNumber('0385159873a').errors, [
    { code: 'non-digit', message: 'character 11 is "a"; only the digits 0–9 are allowed' },
  ]);
  assert.deepEqual(codes(' 03851598730'), ['length', 'non-digit']);
  assert.deepEqual(codes('0385 598730'), ['non-digit']);
  assert.equal(isValidIdNumber('0385159873a'), false);
  assert.equal(isValidIdNumber('٠٣٨٥١٥٩٨٧٣٠'), false); // Arabic-Indic digits are not 0–9
});

test('impossible dates name the field or the date that does not exist', () => {
  const message = (prefix6: string) =>
    analyseIdNumber(findNumber(prefix6, (first9) => withCheckDigits(first9))).errors.find((e) => e.code === 'impossible-date')
      ?.message;
  assert.equal(message('328515'), 'day field 32 is not a day (01–31, 41–71 for D-nummer)');
  assert.equal(message('728515'), 'day field 72 is not a day (01–31, 41–71 for D-nummer)');
  assert.equal(message('008515'), 'day field 00 is not a day (01–31, 41–71 for D-nummer)');
  assert.match(message('039315') ?? '', /^month field 93 is not a month/);
  assert.match(message('036515') ?? '', /^month field 65 is not a month/);
  assert.match(message('038015') ?? '', /^month field 80 is not a month/);
  assert.equal(message('308215'), '30 February does not exist in 1915');
  assert.equal(message('318915'), '31 September does not exist in 1915');
});

test('a wrong check digit 1 lists the digits each rule would accept', () => {
  // 03851598730 with K1 changed from 3 to 0: classic needs 3, the 2032 rule also takes 4, 5, 6.
  assert.deepEqual(analyseIdNumber('03851598700').errors.find((e) => e.code === 'check-digit-1'), {
    code: 'check-digit-1',
    message: 'check digit 1 (the 10th digit) is 0, expected 3 (classic rule) or 4, 5, 6 (2032 rule)',
  });
  assert.equal(
    analyseIdNumber('03851598700', { allow2032Rule: false }).errors.find((e) => e.code === 'check-digit-1')?.message,
    'check digit 1 (the 10th digit) is 0, expected 3 (classic rule)',
  );
});

test('nine digits that admit no classic check digit 1 are valid only under the 2032 rule', () => {
  const number = findNumber('038515', (first9) => (withCheckDigits(first9, 0) ? null : withCheckDigits(first9, 1)));
  assert.equal(isValidIdNumber(number), true);
  assert.equal(analyseIdNumber(number).checkDigitRule, '2032');
  assert.deepEqual(analyseIdNumber(number, { allow2032Rule: false }).errors, [
    {
      code: 'check-digit-1',
      message:
        `check digit 1 (the 10th digit) is ${number[9]}; no classic check digit 1 exists for the first nine digits; ` +
        'it is valid under the 2032 rule, which is turned off',
    },
  ]);
});

test('a wrong check digit 2 names the expected digit, or says none exists', () => {
  assert.deepEqual(analyseIdNumber('03851598731').errors, [
    { code: 'check-digit-2', message: 'check digit 2 (the 11th digit) is 1, expected 0' },
  ]);
  // Ten digits with a correct K1 for which K2 would have to be 10.
  const first10 = findNumber('038515', (first9) => {
    const k1 = k1For(first9);
    return k1 < 10 && k2For(`${first9}${k1}`) === 10 ? `${first9}${k1}` : null;
  });
  assert.deepEqual(analyseIdNumber(`${first10}0`).errors, [
    { code: 'check-digit-2', message: 'no check digit 2 exists for the first ten digits (the remainder would need the digit 10)' },
  ]);
});

test('several problems are reported together', () => {
  assert.deepEqual(codes('32851598700'), ['impossible-date', 'check-digit-1', 'check-digit-2']);
});

test('an individnummer outside every series for the year is rejected for fødselsnummer and H-nummer', () => {
  // 750–899 is used by no birth year from 1940 to 1999.
  const fnr = complete('018545800');
  assert.deepEqual(analyseIdNumber(fnr).errors, [
    {
      code: 'individnummer-out-of-series',
      message:
        'individnummer 800 belongs to no series for a birth year ending in 45 (000–499 for 1900–99, 500–749 for 1854–99, 900–999 for 1940–99, 500–999 for 2000–39)',
    },
  ]);
  // 500–749 with a year of 40–53 would be 1840–53, before the series begins.
  assert.deepEqual(codes(complete('018545600')), ['individnummer-out-of-series']);
  assert.deepEqual(codes(complete('014545800')), ['individnummer-out-of-series']);
  assert.equal(isValidIdNumber(complete('018545800')), false);
});

test('a D-number is rejected on its series only when neither D-number table has one', () => {
  // 800 with year 45: no fødselsnummer series, but the 2021 D-number table gives 1945.
  assert.equal(analyseIdNumber(complete('418545800')).birthDate, '1945-05-01');
  // 550 with year 45: 500–599 is for 1858–99 only.
  assert.deepEqual(analyseIdNumber(complete('418545550')).errors, [
    {
      code: 'individnummer-out-of-series',
      message:
        'individnummer 550 belongs to no series for a birth year ending in 45 (for D-numbers with a year of 40–53 the series 500–599 is used by no birth year)',
    },
  ]);
});

test('leap days follow the century the individnummer gives', () => {
  assert.equal(analyseIdNumber(complete('298200600')).birthDate, '2000-02-29'); // 600 → 2000
  assert.deepEqual(analyseIdNumber(complete('298200100')).errors.map((e) => e.message), ['29 February does not exist in 1900']);
  // A D-number with 000–199 and year 00 can only be 1900; with 200–499 only 2000 has the day.
  assert.deepEqual(codes(complete('698200100')), ['impossible-date']);
  assert.deepEqual(analyseIdNumber(complete('698200300')).birthDateCandidates, ['2000-02-29']);
  // Under the 2032 rule only 2000 of 1900 and 2000 has 29 February: the date is not ambiguous.
  const twenty32 = analyseIdNumber(complete('298200100', 2));
  assert.equal(twenty32.birthDate, '2000-02-29');
  assert.deepEqual(twenty32.ambiguities, []);
});

test('FH-numbers: check digits only, classic rule only, no date or gender', () => {
  const fh = complete('812345678');
  assert.deepEqual(analyseIdNumber(fh), {
    input: fh,
    valid: true,
    kind: 'fhNummer',
    synthetic: false,
    syntheticScheme: null,
    birthDate: null,
    birthDateCandidates: [],
    gender: null,
    checkDigitRule: 'classic',
    ambiguities: [],
    errors: [],
  });
  const fh2032 = findNumber('912345', (first9) => (k1For(first9) === 10 ? null : withCheckDigits(first9, 2)));
  assert.deepEqual(codes(fh2032), ['check-digit-1']);
  assert.match(analyseIdNumber(fh2032).errors[0]?.message ?? '', /\(classic rule\)$/);
});

test('month + 40 on a D-number exists only as NAV synthetic', () => {
  const number = complete('414590123');
  assert.deepEqual(analyseIdNumber(number).errors, [
    {
      code: 'impossible-date',
      message: "month field 45 is month + 40, which a D-nummer has only as a NAV synthetic number (option plus40: 'nav')",
    },
  ]);
  const asNav = analyseIdNumber(number, { plus40: 'nav' });
  assert.equal(asNav.valid, true);
  assert.equal(asNav.kind, 'dNummer');
  assert.equal(asNav.syntheticScheme, 'nav');
  assert.deepEqual(asNav.birthDateCandidates, ['1990-05-01']);
  assert.deepEqual(asNav.ambiguities, []);
});

test('the +40 reading changes what a number means, never whether it is valid', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-3][0-9][45][0-9]{8}$/), (number) => {
      assert.equal(isValidIdNumber(number), isValidIdNumber(number, { plus40: 'nav' }));
    }),
    { numRuns: 20_000 },
  );
});

test('an invalid number keeps its kind and synthetic flag but decodes nothing else', () => {
  const analysis = analyseIdNumber('03851598731');
  assert.equal(analysis.kind, 'foedselsnummer');
  assert.equal(analysis.syntheticScheme, 'tenor');
  assert.deepEqual(
    [analysis.birthDate, analysis.birthDateCandidates, analysis.gender, analysis.checkDigitRule],
    [null, [], null, null],
  );
});

const allOptions: (IdNumberOptions | undefined)[] = [undefined, { plus40: 'nav' }, { allow2032Rule: false }, { plus40: 'nav', allow2032Rule: false }];

test('the boolean check agrees with the analysis on any string and any options', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{11}$/)), fc.constantFrom(...allOptions), (input, options) => {
      assert.equal(isValidIdNumber(input, options), analyseIdNumber(input, options).valid);
    }),
    { numRuns: 50_000 },
  );
});

test('changing any one digit of a valid number makes it invalid (check digit 2 catches every single-digit error)', () => {
  const numbers = generateIdNumbers(500, { seed: 5 });
  fc.assert(
    fc.property(fc.constantFrom(...numbers), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (number, index, delta) => {
      const digit = (Number(number[index]) + delta) % 10;
      const changed = number.slice(0, index) + digit + number.slice(index + 1);
      assert.equal(isValidIdNumber(changed), false, `${number} → ${changed}`);
    }),
    { numRuns: 20_000 },
  );
});
