import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldLetters, phoneticKey } from '../src/register/search/phonetic.js';

/** Real Norwegian spellings of the same name: each group must share one key. */
const SAME = [
  ['Hansen', 'Hanssen', 'Hanson'],
  ['Kristiansen', 'Christiansen', 'Kristiansson'],
  ['Thorsen', 'Torsen', 'Thoresen'],
  ['Mathisen', 'Matisen', 'Matthiesen'],
  ['Sørensen', 'Sorensen', 'Soerensen', 'Sörensen'],
  ['Olsen', 'Olssen', 'Olson', 'Olsson'],
  ['Nilsen', 'Nielsen', 'Nilsson'],
  ['Jakobsen', 'Jacobsen'],
  ['Karlsen', 'Carlsen'],
  ['Eriksen', 'Erichsen', 'Erixen', 'Ericsson'],
  ['Christoffersen', 'Kristoffersen', 'Christophersen'],
  ['Pettersen', 'Petersen'],
  ['Aasen', 'Åsen'],
  ['Håkon', 'Haakon', 'Hakon'],
  ['Dahl', 'Dal'],
  ['Krogh', 'Krog', 'Krohg'],
  ['Myhre', 'Myre'],
  ['Berg', 'Bergh'],
  ['Wiik', 'Vik', 'Viik'],
  ['Vold', 'Wold'],
  ['Arntzen', 'Arntsen'],
  ['Kjær', 'Kjaer'],
  ['Meyer', 'Meier'],
  ['Schjelderup', 'Skjelderup', 'Sjelderup'],
  ['Gjerde', 'Jerde'],
  ['Hjelle', 'Jelle'],
  ['Ingvild', 'Ingvil'],
  ['Fredrik', 'Frederik'],
  ['Sofie', 'Sophie'],
  ['Elisabeth', 'Elizabeth', 'Elisabet'],
  ['Kathrine', 'Cathrine', 'Katrine'],
  ['Mathias', 'Matias', 'Mattias'],
  ['Thor', 'Tor'],
  ['Cecilie', 'Sesilie'],
  ['Anne-Marie', 'Annemarie'],
];

/** Different names, however alike: each pair must keep two keys. */
const DIFFERENT = [
  ['Hansen', 'Jensen'],
  ['Olsen', 'Nilsen'],
  ['Berg', 'Berge'],
  ['Lund', 'Lunde'],
  ['Haug', 'Hauge'],
  ['Kristian', 'Kristin'],
  ['Kristiansen', 'Kristensen'],
  ['Ola', 'Ole'],
  ['Pedersen', 'Petersen'],
  ['Eide', 'Eid'],
];

test('spelling variants of one Norwegian name share a phonetic key', () => {
  for (const group of SAME) {
    const keys = group.map((word) => phoneticKey(word));
    assert.equal(new Set(keys).size, 1, `${group.join('/')} → ${keys.join('/')}`);
  }
});

test('different names keep different phonetic keys', () => {
  for (const [a, b] of DIFFERENT) {
    assert.notEqual(phoneticKey(a as string), phoneticKey(b as string), `${a}/${b}`);
  }
});

test('the key is case-insensitive and compact; a word without Latin letters has an empty key', () => {
  assert.equal(phoneticKey('hansen'), phoneticKey('HANSEN'));
  assert.equal(phoneticKey('Hansen'), 'HANSN');
  assert.equal(phoneticKey('Sørensen'), 'SORNSN');
  assert.equal(phoneticKey("O'Brien"), phoneticKey('Obrien'));
  assert.equal(phoneticKey('Иван'), '');
});

test('letters fold to A–Z: æ/ø/å, diacritics and Sami letters', () => {
  assert.equal(foldLetters('Ærø Åse'), 'EROASE');
  assert.equal(foldLetters('René Müller'), 'RENEMYLLER');
  assert.equal(foldLetters('Áŋŋel Čohkka Đ'), 'ANGNGELTSJOHKKAD');
});
