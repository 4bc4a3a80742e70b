import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PERSON_ELEMENTS } from '../src/elements.js';
import type { PersonElement } from '../src/elements.js';
import { RIGHTS_PACKAGES } from '../src/packages.js';
import type { PackageAbbreviation, RightsPackage } from '../src/packages.js';
import { PART_ALIASES, partElements, resolvePart } from '../src/part.js';
import type { PartErrorCode, ResolvedPart } from '../src/part.js';

function pkg(abbreviation: PackageAbbreviation): RightsPackage {
  const found = RIGHTS_PACKAGES.find((p) => p.abbreviation === abbreviation);
  assert.ok(found, abbreviation);
  return found;
}

function ok(p: RightsPackage, parts: readonly string[]): ResolvedPart {
  const result = resolvePart(p, parts);
  assert.ok(result.ok, `${p.abbreviation} ${parts.join('&')}: ${result.ok ? '' : result.error.message}`);
  return result;
}

function error(p: RightsPackage, parts: readonly string[], code: PartErrorCode, part: string): string {
  const result = resolvePart(p, parts);
  assert.equal(result.ok, false, `${p.abbreviation} ${parts.join('&')} should fail`);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.error.code, code);
  assert.equal(result.error.part, part);
  return result.error.message;
}

const inModelOrder = (elements: readonly string[]): PersonElement[] => PERSON_ELEMENTS.filter((e) => elements.includes(e));

const BASIS = [
  'identifikasjonsnummer', 'identitetsgrunnlag', 'status', 'doedsfall', 'sivilstand', 'foedsel', 'statsborgerskap', 'kjoenn',
  'navn', 'bostedsadresse', 'oppholdsadresse', 'deltBosted', 'postadresse', 'postadresseIUtlandet', 'adressebeskyttelse',
  'kontaktinformasjonForDoedsbo',
];
const PRIVAT_PRESSE = ['PRI', 'PRE', 'PRI-uF', 'PRE-uF'];

/** The documented person-basis of a package (§8), independently of the table. */
function expectedBasis(abbreviation: PackageAbbreviation): PersonElement[] {
  if (PRIVAT_PRESSE.includes(abbreviation)) return inModelOrder(BASIS.filter((e) => e !== 'identifikasjonsnummer'));
  if (abbreviation === 'EID') return inModelOrder([...BASIS, 'utenlandskPersonidentifikasjon', 'legitimasjonsdokument']);
  return inModelOrder(BASIS);
}

describe('no part and person-basis', () => {
  for (const p of RIGHTS_PACKAGES) {
    it(`${p.abbreviation}: no part = person-basis, current values only`, () => {
      const none = ok(p, []);
      assert.deepEqual(none, { ok: true, elements: expectedBasis(p.abbreviation), historikk: false, historyElements: [] });
      assert.deepEqual(ok(p, ['person-basis']), none);
    });
  }

  it('EID basis includes the foreign identification elements', () => {
    const { elements } = ok(pkg('EID'), []);
    assert.ok(elements.includes('utenlandskPersonidentifikasjon'));
    assert.ok(elements.includes('legitimasjonsdokument'));
    assert.ok(!ok(pkg('OMH'), []).elements.includes('legitimasjonsdokument'));
  });
});

describe('identity numbers', () => {
  it('?part=status gives identifikasjonsnummer + status where the fnr is always included', () => {
    for (const abbreviation of ['OMH', 'OUH', 'PUH', 'FIN', 'EID', 'BRSV'] as const) {
      assert.deepEqual(ok(pkg(abbreviation), ['status']).elements, ['identifikasjonsnummer', 'status'], abbreviation);
    }
  });

  it('privat and presse get the fnr only when asked for it', () => {
    for (const abbreviation of ['PRI', 'PRE'] as const) {
      const p = pkg(abbreviation);
      assert.deepEqual(ok(p, ['status']).elements, ['status']);
      assert.deepEqual(ok(p, ['identifikasjonsnummer']).elements, ['identifikasjonsnummer']);
      assert.deepEqual(ok(p, ['person-basis', 'identifikasjonsnummer']).elements, inModelOrder(BASIS));
    }
  });

  it('the uten folkeregisteridentifikator packages never get it, and asking is an error', () => {
    for (const abbreviation of ['PRI-uF', 'PRE-uF'] as const) {
      const p = pkg(abbreviation);
      assert.deepEqual(ok(p, ['status']).elements, ['status']);
      assert.ok(!ok(p, ['historikk']).elements.includes('identifikasjonsnummer'));
      const message = error(p, ['navn', 'identifikasjonsnummer'], 'partNotInPackage', 'identifikasjonsnummer');
      assert.match(message, new RegExp(`«identifikasjonsnummer».*«${p.name}»`));
    }
  });
});

describe('historikk', () => {
  it('historikk alone = person-basis with history', () => {
    for (const p of RIGHTS_PACKAGES) {
      const result = ok(p, ['historikk']);
      assert.deepEqual(result.elements, expectedBasis(p.abbreviation));
      assert.equal(result.historikk, true);
      assert.deepEqual(result.historyElements, result.elements.filter((e) => p.historyElements.includes(e)));
    }
  });

  it('OMH gets the history of everything it receives', () => {
    const result = ok(pkg('OMH'), ['historikk', 'familierelasjon', 'sivilstand']);
    assert.deepEqual(result.elements, ['identifikasjonsnummer', 'sivilstand', 'familierelasjon']);
    assert.deepEqual(result.historyElements, result.elements);
  });

  it('Finans gets sivilstand history; the others do not', () => {
    assert.deepEqual(ok(pkg('FIN'), ['sivilstand', 'historikk', 'kjoenn']).historyElements, ['identifikasjonsnummer', 'sivilstand']);
    assert.deepEqual(ok(pkg('OUH'), ['sivilstand', 'historikk', 'kjoenn']).historyElements, ['identifikasjonsnummer']);
    assert.deepEqual(ok(pkg('PRI'), ['sivilstand', 'historikk', 'navn']).historyElements, ['navn']);
  });

  it('history covers addresses and navn for the packages without hjemmel', () => {
    const result = ok(pkg('PUH'), ['historikk']);
    assert.deepEqual(result.historyElements, [
      'identifikasjonsnummer', 'bostedsadresse', 'deltBosted', 'oppholdsadresse', 'postadresse', 'postadresseIUtlandet', 'navn',
    ]);
  });

  it('without historikk there is no history, whatever is asked', () => {
    assert.deepEqual(ok(pkg('OMH'), ['navn', 'bostedsadresse']).historyElements, []);
  });
});

describe('aliases', () => {
  it('identitetsgrunnlag-utvidet in OMH and EID; not offered elsewhere', () => {
    assert.deepEqual(ok(pkg('OMH'), ['identitetsgrunnlag-utvidet']).elements, [
      'falskIdentitet', 'identifikasjonsnummer', 'legitimasjonsdokument', 'utenlandskPersonidentifikasjon',
    ]);
    assert.deepEqual(ok(pkg('EID'), ['identitetsgrunnlag-utvidet']).elements, [
      'falskIdentitet', 'identifikasjonsnummer', 'legitimasjonsdokument', 'utenlandskPersonidentifikasjon',
    ]);
    for (const abbreviation of ['OUH', 'FIN', 'PUH', 'PRI', 'PRI-uF', 'PRE', 'PRE-uF'] as const) {
      error(pkg(abbreviation), ['identitetsgrunnlag-utvidet'], 'partNotInPackage', 'identitetsgrunnlag-utvidet');
    }
    // falskIdentitet itself can still be asked for where the package has it.
    assert.deepEqual(ok(pkg('OUH'), ['falskIdentitet']).elements, ['falskIdentitet', 'identifikasjonsnummer']);
  });

  it('relasjon-utvidet: family relations in OMH and Finans, vergemål only elsewhere', () => {
    for (const abbreviation of ['OMH', 'FIN'] as const) {
      assert.deepEqual(ok(pkg(abbreviation), ['relasjon-utvidet']).elements, [
        'identifikasjonsnummer', 'familierelasjon', 'foreldreansvar', 'vergemaalEllerFremtidsfullmakt',
      ]);
    }
    assert.deepEqual(ok(pkg('OUH'), ['relasjon-utvidet']).elements, ['identifikasjonsnummer', 'vergemaalEllerFremtidsfullmakt']);
    assert.deepEqual(ok(pkg('PRE-uF'), ['relasjon-utvidet']).elements, ['vergemaalEllerFremtidsfullmakt']);
  });

  it('aliases and elements combine, in model order regardless of request order', () => {
    const a = ok(pkg('OMH'), ['opphold', 'relasjon-utvidet', 'person-basis', 'historikk', 'innflytting']);
    const b = ok(pkg('OMH'), ['innflytting', 'historikk', 'person-basis', 'relasjon-utvidet', 'opphold']);
    assert.deepEqual(a, b);
    assert.deepEqual(a.elements, inModelOrder([...BASIS, 'familierelasjon', 'foreldreansvar', 'vergemaalEllerFremtidsfullmakt', 'opphold', 'innflytting']));
  });
});

describe('matching', () => {
  it('is case-insensitive for elements and aliases', () => {
    const omh = pkg('OMH');
    assert.deepEqual(ok(omh, ['RettsligHandleevne']).elements, ['identifikasjonsnummer', 'rettsligHandleevne']);
    assert.deepEqual(ok(omh, ['NAVN', 'foedselinorge']).elements, ['identifikasjonsnummer', 'navn', 'foedselINorge']);
    assert.deepEqual(ok(omh, ['Person-Basis', 'HISTORIKK']), ok(omh, ['person-basis', 'historikk']));
  });

  it('duplicates are harmless', () => {
    const omh = pkg('OMH');
    assert.deepEqual(ok(omh, ['navn', 'navn', 'Navn', 'historikk', 'historikk']), ok(omh, ['navn', 'historikk']));
    assert.deepEqual(ok(omh, ['person-basis', 'person-basis']), ok(omh, []));
  });

  it('rejects unknown values, naming the offending value as sent', () => {
    const omh = pkg('OMH');
    for (const part of ['', ' ', ' navn', 'navn ', 'fødsel', 'personbasis', 'person_basis', 'navn-historikk', 'historikk=true', 'fratattRettsligHandleevne', 'Folkeregisterperson']) {
      const message = error(omh, ['navn', part], 'unknownPart', part);
      assert.ok(message.startsWith(`Ugyldig verdi for part: «${part}».`), message);
    }
  });

  it('rejects forholdTilSametingetsValgmanntall in every package since 2023-04-03', () => {
    for (const p of RIGHTS_PACKAGES) {
      for (const part of ['forholdTilSametingetsValgmanntall', 'FORHOLDTILSAMETINGETSVALGMANNTALL']) {
        const message = error(p, [part], 'partNoLongerValid', part);
        assert.equal(message, `Verdien «${part}» for part er ikke lenger gyldig (fra 3. april 2023).`);
      }
    }
  });

  it('rejects elements the package does not have', () => {
    const cases: [PackageAbbreviation, string][] = [
      ['OUH', 'familierelasjon'],
      ['PUH', 'falskIdentitet'],
      ['FIN', 'utenlandskPersonidentifikasjon'],
      ['FIN', 'legitimasjonsdokument'],
      ['FIN', 'opphold'],
      ['EID', 'innflytting'],
      ['PRI', 'foreldreansvar'],
      ['OMH', 'oppholdPaaSvalbard'],
    ];
    for (const [abbreviation, part] of cases) {
      const message = error(pkg(abbreviation), ['person-basis', part], 'partNotInPackage', part);
      assert.equal(message, `Verdien «${part}» for part er ikke tilgjengelig i rettighetspakken «${pkg(abbreviation).name}».`);
    }
    assert.deepEqual(ok(pkg('BRSV'), ['oppholdPaaSvalbard']).elements, ['identifikasjonsnummer', 'oppholdPaaSvalbard']);
  });

  it('reports the first invalid value in request order', () => {
    const puh = pkg('PUH');
    error(puh, ['ukjent', 'forholdTilSametingetsValgmanntall', 'familierelasjon'], 'unknownPart', 'ukjent');
    error(puh, ['familierelasjon', 'ukjent'], 'partNotInPackage', 'familierelasjon');
    error(puh, ['forholdTilSametingetsValgmanntall', 'familierelasjon'], 'partNoLongerValid', 'forholdTilSametingetsValgmanntall');
  });
});

describe('real-world part lists (§8)', () => {
  const ALT = [
    'navn', 'foedsel', 'bostedsadresse', 'doedsfall', 'status', 'oppholdsadresse', 'familierelasjon', 'postadresse',
    'postadresseIUtlandet', 'vergemaalEllerFremtidsfullmakt', 'sivilstand', 'statsborgerskap', 'historikk',
    'identifikasjonsnummer', 'deltBosted', 'adressebeskyttelse', 'utenlandskPersonidentifikasjon', 'foreldreansvar',
    'innflytting', 'utflytting', 'foedselINorge', 'opphold', 'RettsligHandleevne', 'bibehold', 'brukAvSamiskSpraak',
  ];
  const SSB = [
    'person-basis', 'identitetsgrunnlag-utvidet', 'relasjon-utvidet', 'utlendingsmyndighetenesIdentifikasjonsnummer',
    'innflytting', 'utflytting', 'foedselINorge', 'opphold', 'forholdTilSametingetsValgmanntall',
  ];

  it("Altinn's list resolves against OMH with history on everything", () => {
    const result = ok(pkg('OMH'), ALT);
    const expected = inModelOrder([...ALT.filter((p) => p !== 'historikk'), 'rettsligHandleevne']);
    assert.equal(expected.length, 24);
    assert.deepEqual(result.elements, expected);
    assert.deepEqual(result.historyElements, expected);
  });

  it("Altinn's list fails in packages without its confidential elements", () => {
    error(pkg('FIN'), ALT, 'partNotInPackage', 'utenlandskPersonidentifikasjon');
    error(pkg('OUH'), ALT, 'partNotInPackage', 'familierelasjon');
  });

  it("SSB's pre-2023 list fails on forholdTilSametingetsValgmanntall, and resolves without it", () => {
    error(pkg('OMH'), SSB, 'partNoLongerValid', 'forholdTilSametingetsValgmanntall');
    const result = ok(pkg('OMH'), SSB.filter((p) => p !== 'forholdTilSametingetsValgmanntall'));
    assert.deepEqual(
      result.elements,
      inModelOrder([
        ...BASIS, 'falskIdentitet', 'legitimasjonsdokument', 'utenlandskPersonidentifikasjon', 'familierelasjon', 'foreldreansvar',
        'vergemaalEllerFremtidsfullmakt', 'utlendingsmyndighetenesIdentifikasjonsnummer', 'innflytting', 'utflytting',
        'foedselINorge', 'opphold',
      ]),
    );
  });
});

describe('no package ever receives more than it may see', () => {
  const vocabulary = [...PERSON_ELEMENTS, ...PART_ALIASES];

  it('every single part, in every package, in three spellings', () => {
    for (const p of RIGHTS_PACKAGES) {
      for (const name of vocabulary) {
        for (const part of [name, name.toUpperCase(), name.toLowerCase()]) {
          const result = resolvePart(p, [part]);
          if (!result.ok) {
            const expectedCode = name === 'forholdTilSametingetsValgmanntall' ? 'partNoLongerValid' : 'partNotInPackage';
            assert.equal(result.error.code, expectedCode, `${p.abbreviation} ${part}`);
            continue;
          }
          for (const element of result.elements) assert.ok(p.elements.includes(element), `${p.abbreviation} ${part} → ${element}`);
          if ((PERSON_ELEMENTS as readonly string[]).includes(name)) {
            assert.ok(result.elements.includes(name as PersonElement), `${p.abbreviation} ${part} delivers ${name}`);
          }
        }
      }
      for (const element of p.elements) assert.ok(resolvePart(p, [element]).ok, `${p.abbreviation} may ask for ${element}`);
    }
  });

  it('any list of parts: elements within the package, history within its scope, order stable', () => {
    const part = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.constantFrom(...vocabulary).map((name) => name.toUpperCase()),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...RIGHTS_PACKAGES), fc.array(part, { maxLength: 12 }), (p, parts) => {
        const result = resolvePart(p, parts);
        if (!result.ok) {
          assert.ok(parts.includes(result.error.part));
          return;
        }
        assert.ok(result.elements.every((e) => p.elements.includes(e)));
        assert.ok(result.historyElements.every((e) => result.elements.includes(e) && p.historyElements.includes(e)));
        assert.deepEqual(result.elements, inModelOrder(result.elements));
        const askedForId = parts.some((x) => x.toLowerCase() === 'identifikasjonsnummer');
        assert.equal(
          result.elements.includes('identifikasjonsnummer'),
          p.identifikasjonsnummer === 'alltid' || (p.identifikasjonsnummer === 'paaForespoersel' && askedForId),
        );
        assert.deepEqual(resolvePart(p, [...parts].reverse()), result);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('partElements', () => {
  it('expands one part value as resolvePart reads it, and gives nothing for historikk or what the package lacks', () => {
    const omh = pkg('OMH');
    assert.deepEqual(partElements(omh, 'Person-Basis'), omh.personBasis);
    assert.deepEqual(partElements(omh, 'RELASJON-UTVIDET'), omh.relasjonUtvidet);
    assert.deepEqual(partElements(omh, 'navn'), ['navn']);
    assert.equal(partElements(omh, 'historikk'), undefined);
    assert.equal(partElements(omh, 'ukjent'), undefined);
    assert.equal(partElements(pkg('OUH'), 'familierelasjon'), undefined);
  });
});
