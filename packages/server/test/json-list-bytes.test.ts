import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonListBytes } from '../src/register/api/json-list-bytes.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

test('an empty list is the field with an empty array', () => {
  assert.equal(new JsonListBytes('oppslag').finish().toString('utf8'), '{"oppslag":[]}');
});

test('items mix text and encoded pieces, in order, separated by commas', () => {
  const list = new JsonListBytes('oppslag');
  list.add('{"foedselsEllerDNummer":"01918349576","folkeregisterperson":', utf8('{"navn":[{"fornavn":"Åse Bjørg"}]}'), '}');
  list.add('{"foedselsEllerDNummer":"27838549859","feilmelding":{"feilmelding":"Fant ingen person med denne identifikatoren."}}');
  list.add('{"foedselsEllerDNummer":"13841599939","folkeregisterperson":', utf8('{}'), '}');
  const answer = list.finish();
  assert.deepEqual(JSON.parse(answer.toString('utf8')), {
    oppslag: [
      { foedselsEllerDNummer: '01918349576', folkeregisterperson: { navn: [{ fornavn: 'Åse Bjørg' }] } },
      { foedselsEllerDNummer: '27838549859', feilmelding: { feilmelding: 'Fant ingen person med denne identifikatoren.' } },
      { foedselsEllerDNummer: '13841599939', folkeregisterperson: {} },
    ],
  });
  // The bytes are UTF-8 of exactly that text: 'Å' and 'ø' take two bytes each.
  assert.equal(answer.length, Buffer.byteLength(answer.toString('utf8')));
});

test('encoded pieces that are views into a larger buffer contribute only their own bytes', () => {
  const shared = utf8('["a"]["bb"]');
  const list = new JsonListBytes('x');
  list.add(shared.subarray(5, 11));
  list.add(shared.subarray(0, 5));
  assert.equal(list.finish().toString('utf8'), '{"x":[["bb"],["a"]]}');
});
