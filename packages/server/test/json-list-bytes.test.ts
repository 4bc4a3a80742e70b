import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonListBytes } from '../src/register/api/json-list-bytes.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

test('an empty list is the field with an empty array', () => {
  assert.equal(new JsonListBytes('oppslag').finish().toString('utf8'), '{"oppslag":[]}');
});

test('items mix text and encoded pieces, in order, separated by commas, as UTF-8', () => {
  const list = new JsonListBytes('oppslag');
  list.add('{"foedselsEllerDNummer":"01918349576","folkeregisterperson":', utf8('{"navn":[{"fornavn":"Åse Bjørg"}]}'), '}');
  list.add('{"foedselsEllerDNummer":"27838549859","feilmelding":{"feilmelding":"Identifikatoren er opphørt."}}');
  list.add('{"foedselsEllerDNummer":"13841599939","folkeregisterperson":', utf8('{}'), '}');
  const expected = {
    oppslag: [
      { foedselsEllerDNummer: '01918349576', folkeregisterperson: { navn: [{ fornavn: 'Åse Bjørg' }] } },
      { foedselsEllerDNummer: '27838549859', feilmelding: { feilmelding: 'Identifikatoren er opphørt.' } },
      { foedselsEllerDNummer: '13841599939', folkeregisterperson: {} },
    ],
  };
  // Byte for byte what JSON.stringify of the whole answer, encoded as UTF-8, would be.
  assert.deepEqual(list.finish(), Buffer.from(JSON.stringify(expected)));
});

test('encoded pieces that are views into a larger buffer contribute only their own bytes', () => {
  const shared = utf8('["a"]["bb"]');
  const list = new JsonListBytes('x');
  list.add(shared.subarray(5, 11));
  list.add(shared.subarray(0, 5));
  assert.equal(list.finish().toString('utf8'), '{"x":[["bb"],["a"]]}');
});
