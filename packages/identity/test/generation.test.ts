// Generation: determinism, uniqueness, allocation order, capacity, option errors, and a
// round trip of 300 000 generated numbers through the validator.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  IdGenerationError,
  analyseIdNumber,
  createIdGenerator,
  generateIdNumbers,
  generateOrganisasjonsnumre,
  isValidOrganisasjonsnummer,
  type CheckDigitRule,
  type Gender,
  type GenerateOptions,
  type IdKind,
} from '@folkeport/identity';
import { testRandom, withCheckDigits } from './helpers.js';

test('the same seed gives the same numbers; another seed gives others', () => {
  const options: GenerateOptions & { seed: number } = { seed: 42, kind: 'dNummer' };
  assert.deepEqual(generateIdNumbers(50, options), generateIdNumbers(50, options));
  assert.notDeepEqual(generateIdNumbers(50, options), generateIdNumbers(50, { ...options, seed: 43 }));
  // Fixed values: the same on every machine; changing them changes every seeded data set.
  assert.deepEqual(generateIdNumbers(3, { seed: 42 }), ['30872749728', '06860949987', '23861549976']);
  assert.deepEqual(generateOrganisasjonsnumre(3, { seed: 42 }), ['890716148', '829082977', '936092543']);
  // With date and gender fixed, allocation order alone decides: 999, 997, 995 (odd, male).
  assert.deepEqual(generateIdNumbers(3, { seed: 1, birthDate: '2015-05-03', gender: 'mann' }), [
    '03851599958',
    '03851599796',
    '03851599524',
  ]);
});

test('defaults: synthetic fødselsnummer under the classic rule, born 1900–2025', () => {
  for (const number of generateIdNumbers(1000, { seed: 9 })) {
    const analysis = analyseIdNumber(number);
    assert.equal(analysis.kind, 'foedselsnummer');
    assert.equal(analysis.syntheticScheme, 'tenor');
    assert.equal(analysis.checkDigitRule, 'classic');
    assert.ok(analysis.birthDate && analysis.birthDate >= '1900-01-01' && analysis.birthDate <= '2025-12-31', analysis.birthDate ?? '');
  }
});

test('individnummer are allocated downward from the top of the series, by gender', () => {
  const generator = createIdGenerator({ seed: 1 });
  const individnummer = (options: GenerateOptions) => generator.next(options).slice(6, 9);
  // 1990: 499 down (the 900 reserve comes last); 2015: 999 down; 1870: 749 down.
  const women1990 = Array.from({ length: 3 }, () => individnummer({ birthDate: '1990-05-17', gender: 'kvinne' }));
  assert.ok(women1990.every((n) => Number(n) % 2 === 0 && Number(n) >= 480), women1990.join());
  assert.deepEqual([...women1990].sort().reverse(), women1990);
  assert.ok(Number(individnummer({ birthDate: '2015-05-03', gender: 'mann' })) >= 990);
  assert.ok(Number(individnummer({ birthDate: '1870-01-01', gender: 'mann', synthetic: false })) >= 740);
  // The 2021 D-number series: 1900–39 from 199, 1940–99 from 999, 2000–39 from 999.
  assert.ok(Number(individnummer({ kind: 'dNummer', birthDate: '1935-06-01' })) <= 199);
  assert.ok(Number(individnummer({ kind: 'dNummer', birthDate: '1960-06-01' })) >= 990);
});

test('the 2032 rule: from 999 downward, every check digit 1 variant, no gender', () => {
  // Born 1985: individnummer 9xx reads as 1985 under the classic table too, so every remainder 0–3 is used.
  const expected = ['999', '998', '997'].flatMap((individnummer) =>
    [0, 1, 2, 3].flatMap((remainder) => withCheckDigits(`010385${individnummer}`, remainder) ?? []),
  );
  const numbers = generateIdNumbers(expected.length, { seed: 1, birthDate: '1985-03-01', rule: '2032', synthetic: false });
  assert.deepEqual(numbers, expected);
  for (const analysis of numbers.map((n) => analyseIdNumber(n))) {
    assert.ok(analysis.valid);
    assert.ok(analysis.birthDateCandidates.includes('1985-03-01'));
    if (analysis.checkDigitRule === '2032') assert.equal(analysis.gender, null);
  }
});

test('a 2032-rule variant that the classic table would misplace is skipped', () => {
  // Born 1935, individnummer 999: with remainder 0 it reads as a classic number born 2035.
  const numbers = generateIdNumbers(12, { seed: 1, birthDate: '1935-03-01', rule: '2032', synthetic: false });
  const analyses = numbers.map((n) => analyseIdNumber(n));
  assert.ok(analyses.every((a) => a.checkDigitRule === '2032' && a.birthDateCandidates.includes('1935-03-01')));
  assert.equal(numbers[0]?.slice(6, 9), '999');
});

test('a date whose series is used up is reported, with the count and the series', () => {
  const generator = createIdGenerator({ seed: 1 });
  const issued: string[] = [];
  assert.throws(
    () => {
      for (;;) issued.push(generator.next({ birthDate: '2015-05-03', gender: 'kvinne' }));
    },
    (error: unknown) => {
      assert.ok(error instanceof IdGenerationError);
      assert.equal(error.code, 'capacity-exhausted');
      assert.equal(
        error.message,
        `all ${issued.length} numbers for fødselsnummer born 2015-05-03 (synthetic, kvinne, classic rule; individnummer 999–500) have been issued`,
      );
      return true;
    },
  );
  // 250 even individnummer, minus those whose check digits would need a 10.
  assert.ok(issued.length > 180 && issued.length < 250, String(issued.length));
  assert.equal(new Set(issued).size, issued.length);
  // Other dates and the other gender still have numbers.
  assert.ok(generator.next({ birthDate: '2015-05-03', gender: 'mann' }));
});

test('with gender left open, a date is used up only when both genders are', () => {
  const generator = createIdGenerator({ seed: 1 });
  const issued: string[] = [];
  assert.throws(
    () => {
      for (;;) issued.push(generator.next({ kind: 'dNummer', birthDate: '1880-02-29' }));
    },
    (error: unknown) =>
      error instanceof IdGenerationError &&
      error.message ===
        `all ${issued.length} numbers for D-nummer born 1880-02-29 (synthetic, classic rule; individnummer 599–500) have been issued`,
  );
  // 100 individnummer minus those whose check digits would need a 10.
  assert.ok(issued.length > 70 && issued.length < 100, String(issued.length));
  const genders = issued.map((n) => analyseIdNumber(n).gender);
  assert.ok(genders.includes('kvinne') && genders.includes('mann'));
});

test('bad options and out-of-range dates are reported as IdGenerationError with a code', () => {
  const rejects = (options: GenerateOptions, code: string, message: RegExp) =>
    assert.throws(() => createIdGenerator().next(options), (error: unknown) => {
      assert.ok(error instanceof IdGenerationError);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      return true;
    });
  rejects({ birthDate: '2015-02-29' }, 'invalid-options', /not a real date as YYYY-MM-DD/);
  rejects({ birthDate: '17.05.1990' }, 'invalid-options', /not a real date/);
  rejects({ birthDate: '1853-12-31' }, 'birth-date-out-of-range', /no fødselsnummer series for birth year 1853 \(1854–2039\)/);
  rejects({ birthDate: '2040-01-01', kind: 'dNummer' }, 'birth-date-out-of-range', /D-nummer series for birth year 2040/);
  rejects({ birthDate: '1899-01-01', rule: '2032' }, 'birth-date-out-of-range', /under the 2032 rule for birth year 1899 \(1900–2099\)/);
  rejects({ rule: '2032', gender: 'mann' }, 'invalid-options', /gender-neutral/);
  rejects({ kind: 'hNummer', synthetic: true }, 'invalid-options', /H-numbers have no synthetic form/);
  rejects({ kind: 'hNummer', rule: '2032' }, 'invalid-options', /2032 rule applies to fødselsnummer and D-nummer/);
  rejects({ kind: 'fhNummer', birthDate: '1990-01-01' }, 'invalid-options', /FH-numbers carry no birth date or gender/);
  rejects({ kind: 'fhNummer', synthetic: true }, 'invalid-options', /no synthetic form/);
  rejects({ kind: 'fhNummer', rule: '2032' }, 'invalid-options', /classic check digits only/);
  // Callers without TypeScript get a message instead of a silent default.
  rejects({ kind: 'xNummer' as IdKind }, 'invalid-options', /kind must be one of foedselsnummer, dNummer, hNummer, fhNummer/);
  rejects({ gender: 'female' as Gender }, 'invalid-options', /gender must be one of kvinne, mann, got "female"/);
  rejects({ rule: '1964' as CheckDigitRule }, 'invalid-options', /rule must be one of classic, 2032/);
  assert.throws(() => createIdGenerator({ seed: -1 }), /seed must be an integer from 0 to 4294967295/);
  assert.throws(() => createIdGenerator({ seed: 1.5 }), IdGenerationError);
  assert.throws(() => generateIdNumbers(-1), /count must be a non-negative integer/);
  assert.deepEqual(generateIdNumbers(0), []);
});

test('organisasjonsnumre: valid, unique, start with 8 or 9, deterministic', () => {
  const numbers = generateOrganisasjonsnumre(20_000, { seed: 3 });
  assert.equal(new Set(numbers).size, numbers.length);
  assert.ok(numbers.every((n) => isValidOrganisasjonsnummer(n) && /^[89]\d{8}$/.test(n)));
  assert.deepEqual(generateOrganisasjonsnumre(5, { seed: 3 }), numbers.slice(0, 5));
  const generator = createIdGenerator({ seed: 3 });
  assert.notEqual(generator.nextOrganisasjonsnummer(), generator.nextOrganisasjonsnummer());
});

test('FH-numbers: first digit 8 or 9, valid, unique', () => {
  const numbers = generateIdNumbers(5000, { seed: 4, kind: 'fhNummer' });
  assert.equal(new Set(numbers).size, numbers.length);
  for (const number of numbers) {
    const analysis = analyseIdNumber(number);
    assert.equal(analysis.kind, 'fhNummer', number);
    assert.equal(analysis.valid, true);
  }
});

test('round trip: 300 000 generated numbers across kinds, 1854–2039, genders, synthetic and both rules', () => {
  const random = testRandom(2032);
  const generator = createIdGenerator({ seed: 2032 });
  const seen = new Set<string>();
  const day = 86_400_000;
  const dateBetween = (from: number, to: number) =>
    new Date(Date.UTC(from, 0, 1) + random.below((Date.UTC(to + 1, 0, 1) - Date.UTC(from, 0, 1)) / day) * day).toISOString().slice(0, 10);
  const counts = new Map<string, number>();
  for (let i = 0; i < 300_000; i++) {
    const kind = random.pick(['foedselsnummer', 'foedselsnummer', 'dNummer', 'dNummer', 'hNummer', 'fhNummer'] as const);
    const rule = kind === 'foedselsnummer' || kind === 'dNummer' ? random.pick(['classic', 'classic', '2032'] as const) : 'classic';
    const request: GenerateOptions = { kind, rule };
    if (kind !== 'fhNummer') {
      const from = rule === '2032' ? 1900 : kind === 'dNummer' ? 1858 : 1854;
      request.birthDate = dateBetween(from, 2039);
      if (kind !== 'hNummer') request.synthetic = random.below(2) === 0;
      if (rule === 'classic') request.gender = random.pick(['kvinne', 'mann', undefined] as const);
    }
    const number = generator.next(request);
    const analysis = analyseIdNumber(number);
    const where = `${number} from ${JSON.stringify(request)}`;
    assert.equal(analysis.valid, true, `${where}: ${analysis.errors.map((e) => e.message).join('; ')}`);
    assert.equal(analysis.kind, kind, where);
    assert.equal(analysis.synthetic, request.synthetic === true, where);
    if (request.birthDate) assert.ok(analysis.birthDateCandidates.includes(request.birthDate), where);
    if (request.gender) assert.equal(analysis.gender, request.gender, where);
    if (rule === 'classic') assert.equal(analysis.checkDigitRule, 'classic', where);
    seen.add(number);
    const key = `${kind}/${rule}/${analysis.checkDigitRule}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(seen.size, 300_000);
  // Both readings of a 2032 request occur: remainders 1–3 and the remainder-0 variant.
  assert.ok((counts.get('foedselsnummer/2032/2032') ?? 0) > 10_000);
  assert.ok((counts.get('dNummer/2032/classic') ?? 0) > 1000);
});
