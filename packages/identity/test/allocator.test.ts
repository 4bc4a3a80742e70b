// The counter-based allocator: validity and decoding of every number, uniqueness over a large run,
// the register's downward order (the same as the generator's), exhaustion, synthetic and real format.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  IdGenerationError,
  analyseIdNumber,
  createIdAllocator,
  createIdGenerator,
  type AllocatedKind,
  type Gender,
  type IdAllocationRequest,
  type IdAllocator,
} from '@folkeport/identity';
import { testRandom, withCheckDigits } from './helpers.js';

const iso = ({ year, month, day }: IdAllocationRequest) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Every number of a stream, until the allocator says it is used up. */
function drain(allocator: IdAllocator, request: IdAllocationRequest): string[] {
  const numbers: string[] = [];
  for (let number = allocator.next(request); number !== null; number = allocator.next(request)) numbers.push(number);
  return numbers;
}

const individnummer = (number: string) => Number(number.slice(6, 9));

/** The first number from individnummer `top` downward (step 2) with check digits, computed independently. */
function firstFrom(first6: string, top: number): string | null {
  for (let n = top; n >= 0; n -= 2) {
    const number = withCheckDigits(first6 + String(n).padStart(3, '0'));
    if (number) return number;
  }
  return null;
}

test('500 000 numbers across dates, kinds, genders and formats: valid, decoded as requested, unique', () => {
  const random = testRandom(500);
  const allocator = createIdAllocator();
  const seen = new Set<string>();
  const firstDay = Date.UTC(1854, 0, 1);
  const days = (Date.UTC(2040, 0, 1) - firstDay) / 86_400_000;
  let exhausted = 0;
  for (let i = 0; seen.size < 500_000; i++) {
    const kind = random.pick(['foedselsnummer', 'dNummer'] as const);
    // Most requests spread over every year; a quarter crowd into eight dates to use them up.
    const date = new Date(
      i % 4 === 0 ? Date.UTC(random.pick(CROWDED_YEARS), 0, 1) : firstDay + random.below(days) * 86_400_000,
    );
    const year = date.getUTCFullYear();
    if (kind === 'dNummer' && year < 1858) continue;
    const request: IdAllocationRequest = {
      kind,
      year,
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      gender: random.pick(['kvinne', 'mann'] as const),
      synthetic: random.below(3) !== 0,
    };
    const number = allocator.next(request);
    if (number === null) {
      exhausted++;
      continue;
    }
    const analysis = analyseIdNumber(number);
    const where = `${number} for ${JSON.stringify(request)}`;
    assert.equal(analysis.valid, true, `${where}: ${analysis.errors.map((e) => e.message).join('; ')}`);
    assert.equal(analysis.kind, kind, where);
    assert.equal(analysis.syntheticScheme, request.synthetic ? 'tenor' : null, where);
    assert.equal(analysis.gender, request.gender, where);
    assert.equal(analysis.checkDigitRule, 'classic', where);
    // A fødselsnummer names its birth date; a D-number may be ambiguous between the two tables.
    assert.ok(analysis.birthDateCandidates.includes(iso(request)), where);
    if (kind === 'foedselsnummer') assert.equal(analysis.birthDate, iso(request), where);
    assert.ok(!seen.has(number), `${where} issued twice`);
    seen.add(number);
  }
  assert.ok(exhausted > 100_000, `the crowded dates should run out (${exhausted} nulls)`);
});

/** One year from each series of both kinds, 1858–2039. */
const CROWDED_YEARS = [1860, 1899, 1900, 1939, 1940, 1999, 2000, 2039];

test('the same date 100 or 200 years apart shares no number (disjoint series)', () => {
  const allocator = createIdAllocator();
  const numbers: string[] = [];
  for (const kind of ['foedselsnummer', 'dNummer'] as const) {
    for (const year of [1870, 1970, 1920, 2020]) {
      for (const gender of ['kvinne', 'mann'] as const) {
        for (const synthetic of [true, false]) {
          numbers.push(...drain(allocator, { kind, year, month: 3, day: 1, gender, synthetic }));
        }
      }
    }
  }
  assert.equal(new Set(numbers).size, numbers.length);
  // Same DDMMYY for 1870/1970 and 1920/2020: shared prefixes, different individnummer.
  assert.ok(numbers.some((n) => n.startsWith('010370')) && numbers.some((n) => n.startsWith('018320')));
});

test('individnummer go downward from the top of the series, by gender', () => {
  const allocator = createIdAllocator();
  const next = (request: Omit<IdAllocationRequest, 'gender'> & { gender?: Gender }) =>
    allocator.next({ gender: 'kvinne', ...request }) ?? 'null';
  // The generator's pinned values for the same date and gender.
  const boy2015 = { kind: 'foedselsnummer', year: 2015, month: 5, day: 3, gender: 'mann' } as const;
  assert.deepEqual([next(boy2015), next(boy2015), next(boy2015)], ['03851599958', '03851599796', '03851599524']);
  // 1990 women: 498 downward to 000, then the 900 reserve from 998.
  const women1990 = drain(allocator, { kind: 'foedselsnummer', year: 1990, month: 5, day: 17, gender: 'kvinne' }).map(
    individnummer,
  );
  assert.equal(women1990[0], individnummer(firstFrom('178590', 498) ?? ''));
  assert.ok(women1990.every((n) => n % 2 === 0));
  const reserve = women1990.findIndex((n) => n >= 900);
  assert.ok(reserve > 0 && women1990.slice(reserve).every((n) => n >= 900));
  assert.ok(women1990.slice(0, reserve).every((n, i, all) => n < 500 && (i === 0 || n < (all[i - 1] ?? 0))));
  assert.ok(women1990.slice(reserve).every((n, i, all) => i === 0 || n < (all[i - 1] ?? 0)));
  // Tops of the other series: 1854–99 749, 1900–39 499; D-numbers 1858–99 599, 1900–39 199, 1940–99 999, 2000–39 999.
  assert.equal(next({ kind: 'foedselsnummer', year: 1870, month: 1, day: 1, gender: 'mann' }), firstFrom('018170', 749));
  assert.equal(next({ kind: 'foedselsnummer', year: 1935, month: 1, day: 1 }), firstFrom('018135', 498));
  assert.equal(next({ kind: 'dNummer', year: 1870, month: 1, day: 1, gender: 'mann' }), firstFrom('418170', 599));
  assert.equal(next({ kind: 'dNummer', year: 1935, month: 6, day: 1, gender: 'mann' }), firstFrom('418635', 199));
  assert.equal(next({ kind: 'dNummer', year: 1960, month: 6, day: 1, gender: 'mann' }), firstFrom('418660', 999));
  assert.equal(next({ kind: 'dNummer', year: 2030, month: 6, day: 1 }), firstFrom('418630', 998));
});

test('each stream is exactly the generator’s stream for a fixed date and gender, to the last number', () => {
  const requests: IdAllocationRequest[] = [];
  for (const [kind, year] of [
    ['foedselsnummer', 1854],
    ['foedselsnummer', 1899],
    ['foedselsnummer', 1920],
    ['foedselsnummer', 1985],
    ['foedselsnummer', 2000],
    ['foedselsnummer', 2039],
    ['dNummer', 1858],
    ['dNummer', 1930],
    ['dNummer', 1977],
    ['dNummer', 2000],
    ['dNummer', 2024],
  ] as [AllocatedKind, number][]) {
    for (const gender of ['kvinne', 'mann'] as const) {
      for (const synthetic of [true, false]) requests.push({ kind, year, month: 2, day: year % 4 === 0 ? 29 : 28, gender, synthetic });
    }
  }
  const allocator = createIdAllocator();
  const generator = createIdGenerator();
  for (const request of requests) {
    const allocated = drain(allocator, request);
    const generated: string[] = [];
    const options = { kind: request.kind, birthDate: iso(request), gender: request.gender, synthetic: request.synthetic };
    assert.throws(() => {
      for (;;) generated.push(generator.next(options));
    }, (error: unknown) => error instanceof IdGenerationError && error.code === 'capacity-exhausted');
    assert.deepEqual(allocated, generated, JSON.stringify(request));
  }
});

test('a used-up stream returns null from then on, and only that stream', () => {
  const allocator = createIdAllocator();
  const request: IdAllocationRequest = { kind: 'foedselsnummer', year: 2015, month: 5, day: 3, gender: 'kvinne' };
  const numbers = drain(allocator, request);
  // Every even individnummer 998…500 whose check digits exist, computed independently.
  const expected: string[] = [];
  for (let n = 998; n >= 500; n -= 2) {
    const number = withCheckDigits(`038515${n}`);
    if (number) expected.push(number);
  }
  assert.deepEqual(numbers, expected);
  assert.ok(numbers.length > 180 && numbers.length < 250, String(numbers.length));
  for (let i = 0; i < 3; i++) assert.equal(allocator.next(request), null);
  assert.ok(allocator.next({ ...request, gender: 'mann' }));
  assert.ok(allocator.next({ ...request, synthetic: false }));
  assert.ok(allocator.next({ ...request, kind: 'dNummer' }));
  assert.ok(allocator.next({ ...request, day: 4 }));
  assert.ok(allocator.next({ ...request, year: 1915 }));
  // A fresh allocator starts over: state is per allocator.
  assert.equal(createIdAllocator().next(request), numbers[0]);
});

test('synthetic (month + 80, the default) and real-format numbers are separate streams', () => {
  const allocator = createIdAllocator();
  const base = { kind: 'dNummer', year: 1977, month: 11, day: 9, gender: 'mann' } as const;
  const synthetic = allocator.next(base);
  const explicit = allocator.next({ ...base, synthetic: true });
  const real = allocator.next({ ...base, synthetic: false });
  assert.ok(synthetic && explicit && real);
  assert.equal(synthetic.slice(0, 6), '499177');
  assert.equal(real.slice(0, 6), '491177');
  // The default is synthetic, so the second synthetic call continues the same stream.
  assert.ok(individnummer(explicit) < individnummer(synthetic));
  // The synthetic calls did not move the real-format stream, which starts at the top.
  assert.equal(real, firstFrom('491177', 999));
  assert.equal(analyseIdNumber(synthetic).syntheticScheme, 'tenor');
  assert.equal(analyseIdNumber(real).synthetic, false);
  assert.equal(analyseIdNumber(real).valid, true);
});

test('out-of-range years and bad requests are IdGenerationError with a code', () => {
  const rejects = (request: IdAllocationRequest, code: string, message: RegExp) =>
    assert.throws(() => createIdAllocator().next(request), (error: unknown) => {
      assert.ok(error instanceof IdGenerationError);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      return true;
    });
  const base: IdAllocationRequest = { kind: 'foedselsnummer', year: 1990, month: 1, day: 1, gender: 'kvinne' };
  rejects({ ...base, year: 1853 }, 'birth-date-out-of-range', /no fødselsnummer series for birth year 1853 \(1854–2039\)/);
  rejects({ ...base, year: 2040 }, 'birth-date-out-of-range', /birth year 2040/);
  rejects({ ...base, kind: 'dNummer', year: 1857 }, 'birth-date-out-of-range', /no D-nummer series for birth year 1857 \(1858–2039\)/);
  rejects({ ...base, year: 2015, month: 2, day: 29 }, 'invalid-options', /year 2015, month 2, day 29 is not a real date/);
  rejects({ ...base, month: 13 }, 'invalid-options', /not a real date/);
  rejects({ ...base, day: 1.5 }, 'invalid-options', /not a real date/);
  rejects({ ...base, kind: 'hNummer' as AllocatedKind }, 'invalid-options', /kind must be one of foedselsnummer, dNummer/);
  rejects({ ...base, gender: 'female' as Gender }, 'invalid-options', /gender must be one of kvinne, mann, got "female"/);
  rejects({ ...base, synthetic: 'yes' as unknown as boolean }, 'invalid-options', /synthetic must be true or false/);
  assert.ok(createIdAllocator().next({ ...base, year: 1854, synthetic: false }));
});
