import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseDufNummer, isValidDufNummer } from '@folkeport/identity';

// Weights 4, 6, 3, 2, 4, 6, 3, 2, 7, 5 over 2019012345: 8+0+3+18+0+6+6+6+28+25 = 100; 100 mod 11 = 1.
const checked = '201901234501';

test('by default a DUF-nummer is checked for 12 digits only', () => {
  assert.deepEqual(analyseDufNummer('201901234599'), { input: '201901234599', valid: true, errors: [] });
  assert.equal(isValidDufNummer('201901234599'), true);
  assert.deepEqual(analyseDufNummer('20190123450').errors, [{ code: 'length', message: 'has 11 characters; a DUF-nummer has 12 digits' }]);
  assert.deepEqual(analyseDufNummer('2019-0123450').errors.map((e) => e.code), ['non-digit']);
  assert.equal(isValidDufNummer('2019-0123450'), false);
});

test('with checkDigits the last two digits must be the weighted sum mod 11', () => {
  assert.equal(isValidDufNummer(checked, { checkDigits: true }), true);
  assert.equal(analyseDufNummer(checked, { checkDigits: true }).valid, true);
  assert.equal(isValidDufNummer('201901234502', { checkDigits: true }), false);
  assert.deepEqual(analyseDufNummer('201901234502', { checkDigits: true }).errors, [
    { code: 'check-digits', message: 'check digits (the last two) are 02, expected 01' },
  ]);
});
