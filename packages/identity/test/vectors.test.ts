// Skatteetaten's official test vectors for the 2032 check-digit rule, read from the shared reference folder.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyseIdNumber, isValidIdNumber } from '@folkeport/identity';
import { sharedDir } from './helpers.js';

const csv = readFileSync(path.join(sharedDir, 'reference/data/fnr-2032-validator-testvektorer_skatteetaten.csv'), 'utf8');
const [header, ...lines] = csv.trim().split(/\r?\n/);
const rows = lines.map((line) => {
  const [number = '', synthetic, valid, ...description] = line.split(',');
  return { number, synthetic: synthetic === 'true', valid: valid === 'true', description: description.join(',') };
});

test('the vector file has the expected columns and ten rows', () => {
  assert.equal(header, 'fødselsnummer,erSyntetisk,erGyldig,beskrivelse');
  assert.equal(rows.length, 10);
});

for (const row of rows) {
  test(`${row.number} (${row.description}): ${row.valid ? 'valid' : 'invalid'}, ${row.synthetic ? 'synthetic' : 'real'}`, () => {
    const analysis = analyseIdNumber(row.number);
    assert.equal(analysis.valid, row.valid, analysis.errors.map((e) => e.message).join('; '));
    assert.equal(isValidIdNumber(row.number), row.valid);
    assert.equal(analysis.synthetic, row.synthetic);
    if (row.valid) {
      // 2032-rule vectors are valid only with the 2032 rule; the 1964 ones either way.
      const is2032 = row.description.includes('2032');
      assert.equal(analysis.checkDigitRule, is2032 ? '2032' : 'classic');
      assert.equal(isValidIdNumber(row.number, { allow2032Rule: false }), !is2032);
    }
  });
}
