import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyseOrganisasjonsnummer, isValidOrganisasjonsnummer } from '@folkeport/identity';

test('organisasjonsnummer form errors: length and non-digits', () => {
  assert.deepEqual(analyseOrganisasjonsnummer('97103214').errors, [
    { code: 'length', message: 'has 8 characters; an organisasjonsnummer has 9 digits' },
  ]);
  assert.deepEqual(analyseOrganisasjonsnummer('971 032 146').errors.map((e) => e.code), ['length', 'non-digit']);
  assert.deepEqual(analyseOrganisasjonsnummer('97103214x').errors, [
    { code: 'non-digit', message: 'character 9 is "x"; only the digits 0–9 are allowed' },
  ]);
  assert.equal(isValidOrganisasjonsnummer('971 032 146'), false);
  assert.equal(isValidOrganisasjonsnummer('0192:971032146'), false);
});

test('eight digits whose check digit would be 10 have no valid organisasjonsnummer', () => {
  // Prefixes with S mod 11 = 1 need the check digit 10; find one.
  const first8 = Array.from({ length: 100 }, (_, i) => `971032${String(i).padStart(2, '0')}`).find(
    (prefix) => ![...'0123456789'].some((d) => isValidOrganisasjonsnummer(prefix + d)),
  );
  assert.ok(first8);
  assert.deepEqual(analyseOrganisasjonsnummer(`${first8}0`).errors, [
    {
      code: 'check-digit',
      message: 'no check digit exists for the first eight digits (the remainder would need the digit 10); such numbers are never assigned',
    },
  ]);
});

test('exactly one check digit fits any eight digits, or none', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{8}$/), (first8) => {
      const valid = [...'0123456789'].filter((d) => isValidOrganisasjonsnummer(first8 + d));
      assert.ok(valid.length <= 1);
      for (const d of '0123456789') assert.equal(analyseOrganisasjonsnummer(first8 + d).valid, valid.includes(d));
    }),
    { numRuns: 5000 },
  );
});
