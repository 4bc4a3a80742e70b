// Every example number in the identity-number reference, with the facts it encodes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  analyseIdNumber,
  analyseOrganisasjonsnummer,
  isValidOrganisasjonsnummer,
  type IdNumberAnalysis,
  type IdNumberOptions,
} from '@folkeport/identity';

type Facts = Pick<IdNumberAnalysis, 'kind' | 'syntheticScheme' | 'birthDateCandidates' | 'gender' | 'checkDigitRule'>;

function assertDecodes(number: string, facts: Facts, options?: IdNumberOptions): IdNumberAnalysis {
  const analysis = analyseIdNumber(number, options);
  assert.deepEqual(analysis.errors, [], `${number} should be valid`);
  assert.equal(analysis.valid, true);
  assert.deepEqual(
    {
      kind: analysis.kind,
      syntheticScheme: analysis.syntheticScheme,
      birthDateCandidates: analysis.birthDateCandidates,
      gender: analysis.gender,
      checkDigitRule: analysis.checkDigitRule,
    },
    facts,
  );
  assert.equal(analysis.synthetic, facts.syntheticScheme !== null);
  const [only, ...more] = facts.birthDateCandidates;
  assert.equal(analysis.birthDate, more.length === 0 ? only : null);
  assert.equal(analysis.ambiguities.some((a) => a.code === 'century'), more.length > 0);
  return analysis;
}

const fnr = (date: string, gender: 'kvinne' | 'mann', syntheticScheme: 'tenor' | null = null): Facts => ({
  kind: 'foedselsnummer',
  syntheticScheme,
  birthDateCandidates: [date],
  gender,
  checkDigitRule: 'classic',
});

test('worked example 03851598730: synthetic fødselsnummer, born 2015-05-03, male', () => {
  assertDecodes('03851598730', fnr('2015-05-03', 'mann', 'tenor'));
});

test('worked example 30108299939: valid only under the 2032 rule, so no gender and no century', () => {
  assertDecodes('30108299939', {
    kind: 'foedselsnummer',
    syntheticScheme: null,
    birthDateCandidates: ['1982-10-30', '2082-10-30'],
    gender: null,
    checkDigitRule: '2032',
  });
  const classicOnly = analyseIdNumber('30108299939', { allow2032Rule: false });
  assert.equal(classicOnly.valid, false);
  assert.deepEqual(classicOnly.errors.map((e) => e.code), ['check-digit-1']);
  assert.match(classicOnly.errors[0]?.message ?? '', /is 3, expected 2 \(classic rule\).*valid under the 2032 rule/);
});

test('FREG worked examples 02013299997 and 30108299920 decode under the classic rule', () => {
  assertDecodes('02013299997', fnr('2032-01-02', 'mann'));
  assertDecodes('30108299920', fnr('1982-10-30', 'mann'));
});

test('official vectors decode to their dates and genders', () => {
  assertDecodes('20036914700', fnr('1969-03-20', 'mann'));
  assertDecodes('29020073150', fnr('2000-02-29', 'mann'));
  assertDecodes('41819077302', { ...fnr('1990-01-01', 'mann', 'tenor'), kind: 'dNummer' });
  const twenty32 = { gender: null, checkDigitRule: '2032' } as const;
  assertDecodes('30908299902', { kind: 'foedselsnummer', syntheticScheme: 'tenor', birthDateCandidates: ['1982-10-30', '2082-10-30'], ...twenty32 });
  assertDecodes('55102499947', { kind: 'dNummer', syntheticScheme: null, birthDateCandidates: ['1924-10-15', '2024-10-15'], ...twenty32 });
  assertDecodes('41819077906', { kind: 'dNummer', syntheticScheme: 'tenor', birthDateCandidates: ['1990-01-01', '2090-01-01'], ...twenty32 });
});

test('official invalid vectors say what is wrong', () => {
  const badCheck = analyseIdNumber('20036914712');
  assert.deepEqual(badCheck.errors.map((e) => e.code), ['check-digit-2']);
  assert.equal(badCheck.errors[0]?.message, 'check digit 2 (the 11th digit) is 2, expected 9');
  const leap = analyseIdNumber('29020105729');
  assert.deepEqual(leap.errors.map((e) => e.code), ['impossible-date']);
  assert.equal(leap.errors[0]?.message, '29 February does not exist in 1901');
});

test('playground D-numbers born 1940 (individnummer 610, 656, 756) have one birth date', () => {
  for (const number of ['41814061033', '41814065640', '41814075603']) {
    const analysis = analyseIdNumber(number);
    assert.equal(analysis.kind, 'dNummer', number);
    assert.equal(analysis.syntheticScheme, 'tenor');
    assert.equal(analysis.birthDate, '1940-01-01', number);
  }
});

test('playground D-numbers born 2000 (individnummer 218, 250, 344) are ambiguous between 1900 and 2000', () => {
  for (const number of ['41810021827', '41810025091', '41810034422']) {
    const analysis = analyseIdNumber(number);
    assert.equal(analysis.valid, true, number);
    assert.equal(analysis.birthDate, null);
    assert.deepEqual(analysis.birthDateCandidates, ['1900-01-01', '2000-01-01']);
    assert.deepEqual(analysis.ambiguities.map((a) => a.code), ['century']);
    assert.match(analysis.ambiguities[0]?.message ?? '', /2021 series expansion/);
  }
});

test('synthetic D-number 41919701143 (day 01 + 40, month 11 + 80)', () => {
  assertDecodes('41919701143', { ...fnr('1997-11-01', 'mann', 'tenor'), kind: 'dNummer' });
});

test('Tenor examples from navikt/fnrvalidator #116: 1897 and 2020', () => {
  assertDecodes('21929774873', fnr('1897-12-21', 'kvinne', 'tenor'));
  assertDecodes('17912099997', fnr('2020-11-17', 'mann', 'tenor'));
});

test('NAV example 21528704651 is an H-nummer by default and NAV synthetic on request; both readings say so', () => {
  const asH = assertDecodes('21528704651', { ...fnr('1987-12-21', 'kvinne'), kind: 'hNummer' });
  assert.deepEqual(asH.ambiguities.map((a) => a.code), ['plus40-reading']);
  assert.match(asH.ambiguities[0]?.message ?? '', /NAV's synthetic numbers/);
  // Individnummer 046 places it in 1987, not in 1897 as NAV claims for this person.
  const asNav = assertDecodes('21528704651', { ...fnr('1987-12-21', 'kvinne'), syntheticScheme: 'nav' }, { plus40: 'nav' });
  assert.deepEqual(asNav.ambiguities.map((a) => a.code), ['plus40-reading']);
  assert.match(asNav.ambiguities[0]?.message ?? '', /an H-nummer looks the same/);
});

test('NHN test D-number 70019950032: born 1899-01-30 (individnummer 500, year 99)', () => {
  assertDecodes('70019950032', { ...fnr('1899-01-30', 'kvinne'), kind: 'dNummer' });
});

test("KS' organisasjonsnummer 971032146 is valid; FREG's documentation example 999888999 is not", () => {
  assert.deepEqual(analyseOrganisasjonsnummer('971032146'), { input: '971032146', valid: true, errors: [] });
  assert.equal(isValidOrganisasjonsnummer('971032146'), true);
  assert.deepEqual(analyseOrganisasjonsnummer('999888999').errors, [
    { code: 'check-digit', message: 'check digit (the 9th digit) is 9, expected 2' },
  ]);
  assert.equal(isValidOrganisasjonsnummer('999888999'), false);
});
