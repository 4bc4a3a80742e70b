/**
 * Folkeport's Norwegian phonetic key for `soekFonetisk` (FREG does not publish its algorithm; reference
 * freg-consumer-api.md §5.2). Two spellings get the same key when they are usual ways of writing the same
 * Norwegian name: Hansen/Hanssen/Hanson, Christiansen/Kristiansen, Thorsen/Torsen/Thoresen,
 * Sørensen/Sorensen/Soerensen, Aasen/Åsen, Dahl/Dal, Wiik/Vik, Nielsen/Nilsen, Fredrik/Frederik.
 * Names that sound different keep different keys: Berg/Berge, Lund/Lunde, Kristian/Kristin, Ola/Ole.
 * docs/register-search.md lists the rules with examples.
 */

/** Letters Unicode decomposition does not reduce to the Latin letter the key wants. */
const LETTERS: Readonly<Record<string, string>> = {
  Æ: 'E',
  Ä: 'E',
  Ø: 'O',
  Ö: 'O',
  Œ: 'O',
  Ü: 'Y',
  ß: 'SS',
  Ð: 'D',
  Đ: 'D',
  Þ: 'T',
  Ŧ: 'T',
  Ŋ: 'NG',
  Š: 'SJ',
  Č: 'TSJ',
  Ž: 'S',
};

const VOWEL = '[AEIOUY]';
const CONSONANT = '[B-DF-HJ-NP-TV-Z]';

/** Spelling variants, applied in order to the upper-case A–Z form. */
const RULES: readonly (readonly [RegExp, string])[] = [
  // Vowel spellings: Soerensen, Kjaer, Nielsen, Meyer.
  [/OE/g, 'O'],
  [/AE/g, 'E'],
  [/EY/g, 'EI'],
  [/IE/g, 'I'],
  // The sj-sound: Schjelderup, Skjelderup → Sjelderup.
  [/SCH/g, 'SJ'],
  [/SKJ/g, 'SJ'],
  // Foreign letters and digraphs: Christian, Sophie, Frank/Franck, Cecilie, Carlsen, Erixen, Arntzen, Wiik.
  [/CH/g, 'K'],
  [/PH/g, 'F'],
  [/CK/g, 'K'],
  [/C(?=[EIY])/g, 'S'],
  [/C/g, 'K'],
  [/QU/g, 'KV'],
  [/Q/g, 'K'],
  [/X/g, 'KS'],
  [/Z/g, 'S'],
  [/W/g, 'V'],
  // Silent initial consonants: Gjerde/Jerde, Hjelle/Jelle, Hvidsten/Vidsten.
  [/^GJ/, 'J'],
  [/^HJ/, 'J'],
  [/^HV/, 'V'],
  // Silent h: after a consonant (Thorsen, Mathisen, Bergh) and after a vowel before a consonant or at the end (Dahl, Krohg, Myhre).
  [new RegExp(`(?<=${CONSONANT})H`, 'g'), ''],
  [new RegExp(`(?<=${VOWEL})H(?!${VOWEL})`, 'g'), ''],
  [/DT/g, 'T'],
  // Silent d after l, n, r before a consonant or at the end: Ingvild/Ingvil, Sigurd/Sigur, Nordby/Norby.
  [new RegExp(`(?<=[LNR])D(?!${VOWEL})`, 'g'), ''],
  // Patronymic endings: Olsson/Olson → Olsen.
  [new RegExp(`(?<=${CONSONANT})S+[OE]N$`), 'SEN'],
];

/** The upper-case A–Z letters of a word: æ/ø/å folded, diacritics removed, anything else dropped. */
export function foldLetters(word: string): string {
  const upper = word.toUpperCase();
  let mapped = '';
  for (const char of upper) mapped += LETTERS[char] ?? char;
  return mapped.normalize('NFD').replace(/[^A-Z]/g, '');
}

const REPEATS = /([A-Z])\1+/g;

/** Keys already computed: a population has a few thousand distinct name words, each seen many times. */
const KNOWN = new Map<string, string>();
const MAX_KNOWN = 100_000;

/**
 * The phonetic key of one name word (no spaces; a hyphenated name is one word here). Empty when the word
 * has no letters.
 */
export function phoneticKey(word: string): string {
  let key = KNOWN.get(word);
  if (key === undefined) {
    key = computeKey(word);
    if (KNOWN.size >= MAX_KNOWN) KNOWN.clear(); // bounded: query words come from callers
    KNOWN.set(word, key);
  }
  return key;
}

function computeKey(word: string): string {
  let key = foldLetters(word);
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  key = key.replace(REPEATS, '$1');
  return dropUnstressedE(key).replace(REPEATS, '$1');
}

const IS_VOWEL = new RegExp(`^${VOWEL}$`);

/**
 * Norwegian stresses the first syllable; a later `e` between consonants is a weak vowel that spellings add
 * or leave out (Frederik/Fredrik, Olesen/Olsen, Hansen/Hanson after the ending rule). Final `e` is kept:
 * Berg and Berge are different names.
 */
function dropUnstressedE(key: string): string {
  let start = 0;
  while (start < key.length && !IS_VOWEL.test(key[start] as string)) start += 1;
  while (start < key.length && IS_VOWEL.test(key[start] as string)) start += 1;
  let out = key.slice(0, start);
  for (let i = start; i < key.length; i += 1) {
    const char = key[i] as string;
    const between = i > 0 && i + 1 < key.length && !IS_VOWEL.test(key[i - 1] as string) && !IS_VOWEL.test(key[i + 1] as string);
    if (char === 'E' && between) continue;
    out += char;
  }
  return out;
}
