import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PERSON_ELEMENTS } from '../src/elements.js';
import type { PersonElement } from '../src/elements.js';
import {
  PACKAGE_IDS,
  RIGHTS_PACKAGES,
  SERVICE_IDS,
  SERVICE_ROUTES,
  STRIPPED_METADATA_FIELDS,
  addressVisible,
  packageByScope,
  packageById,
  packageForPath,
  packageOffers,
  packageRoutes,
  packageScopes,
  visibleStatus,
} from '../src/packages.js';
import type { PackageAbbreviation, RightsPackage, ServiceId } from '../src/packages.js';

const ALL: readonly PackageAbbreviation[] = ['OMH', 'OUH', 'PUH', 'PRI', 'PRI-uF', 'FIN', 'PRE', 'PRE-uF', 'EID', 'BRSV'];

function pkg(abbreviation: PackageAbbreviation): RightsPackage {
  const found = RIGHTS_PACKAGES.find((p) => p.abbreviation === abbreviation);
  assert.ok(found, abbreviation);
  return found;
}

function abbreviations(line: string): PackageAbbreviation[] {
  return line.split(' ').filter((word) => word !== '') as PackageAbbreviation[];
}

const sorted = <T extends string>(values: Iterable<T>): T[] => [...values].sort();

describe('the package table (§2)', () => {
  const expected = [
    ['OMH', 'offentligMedHjemmel', 'Offentlig og privat virksomhet med hjemmel', '/folkeregisteret/offentlig-med-hjemmel/api/v1', 'folkeregister:deling/offentligmedhjemmel', 'folkeregister:deling/offentligmedhjemmel.segmentansvarlig', 'Folkeregisteret_Offentlig_med_hjemmel'],
    ['OUH', 'offentligUtenHjemmel', 'Offentlig virksomhet uten hjemmel', '/folkeregisteret/api/offentligutenhjemmel/v1', 'folkeregister:deling/offentligutenhjemmel', 'folkeregister:deling/offentligutenhjemmel.segmentansvarlig', 'Folkeregisteret_lesemodell_uten_taushetsbelagt-off'],
    ['PUH', 'privatUtenHjemmel', 'Privat virksomhet uten hjemmel', '/folkeregisteret/api/privatutenhjemmel/v1', 'folkeregister:deling/privatutenhjemmel', undefined, 'Folkeregisteret_lesemodell_uten_taushetsbelagt'],
    ['PRI', 'privat', 'Privat virksomhet', '/folkeregisteret/api/privat/v1', 'folkeregister:deling/privat', undefined, 'Folkeregisteret_lesemodell_uten_taushetsbelagt'],
    ['PRI-uF', 'privatUtenFolkeregisteridentifikator', 'Privat virksomhet uten folkeregisteridentifikator', '/folkeregisteret/api/privatutenfolkeregisteridentifikator/v1', 'folkeregister:deling/privatutenfolkeregisteridentifikator', undefined, 'Folkeregisteret_lesemodell_uten_taushetsbelagt'],
    ['FIN', 'finans', 'Finans', '/folkeregisteret/api/finans/v1', 'folkeregister:deling/finans', 'folkeregister:deling/finans.segmentansvarlig', 'Folkeregisteret_lesemodell_begrenset_taushetsbelagt'],
    ['PRE', 'presse', 'Presse', '/folkeregisteret/api/presse/v1', 'folkeregister:deling/presse', undefined, 'Folkeregisteret_lesemodell_uten_taushetsbelagt'],
    ['PRE-uF', 'presseUtenFolkeregisteridentifikator', 'Presse uten folkeregisteridentifikator', '/folkeregisteret/api/presseutenfolkeregisteridentifikator/v1', 'folkeregister:deling/presseutenfolkeregisteridentifikator', undefined, 'Folkeregisteret_lesemodell_uten_taushetsbelagt'],
    ['EID', 'utstederEid', 'Utsteder av eID', '/folkeregisteret/api/eid/v1', 'folkeregister:deling/utstedereid', undefined, 'Folkeregisteret-utsteder-eID'],
    ['BRSV', 'svalbardregister', 'Befolkningsregisteret for Svalbard', '/folkeregisteret/api/brsv/v1', 'folkeregister:deling/svalbardregister', undefined, undefined],
  ] as const;

  it('has the ten packages in the reference order', () => {
    assert.deepEqual(RIGHTS_PACKAGES.map((p) => p.abbreviation), expected.map((row) => row[0]));
    assert.deepEqual(RIGHTS_PACKAGES.map((p) => p.id), [...PACKAGE_IDS]);
  });

  for (const [abbreviation, id, name, prefix, scope, segmentScope, swaggerhub] of expected) {
    it(`${abbreviation}: id, name, prefix, scopes, Swaggerhub name`, () => {
      const p = pkg(abbreviation);
      assert.equal(p.id, id);
      assert.equal(p.name, name);
      assert.equal(p.pathPrefix, prefix);
      assert.equal(p.scope, scope);
      assert.equal(p.segmentansvarligScope, segmentScope);
      assert.equal(p.swaggerhubName, swaggerhub);
      assert.deepEqual(packageScopes(p), segmentScope === undefined ? [scope] : [scope, segmentScope]);
    });
  }

  it('only OMH has its version after api/; all others use api/{pakke}/v1', () => {
    for (const p of RIGHTS_PACKAGES) {
      const shape = p.abbreviation === 'OMH' ? /^\/folkeregisteret\/[a-z-]+\/api\/v1$/ : /^\/folkeregisteret\/api\/[a-z]+\/v1$/;
      assert.match(p.pathPrefix, shape, p.abbreviation);
    }
  });

  it('only BRSV is experimental and restricted to Svalbard persons (Q16)', () => {
    for (const p of RIGHTS_PACKAGES) {
      assert.equal(p.experimental, p.abbreviation === 'BRSV', p.abbreviation);
      assert.equal(p.population, p.abbreviation === 'BRSV' ? 'svalbard' : 'alle', p.abbreviation);
    }
  });
});

describe('lookups', () => {
  it('packageById finds every package and rejects unknown ids', () => {
    for (const id of PACKAGE_IDS) assert.equal(packageById(id).id, id);
    assert.equal(packageById('OMH'), undefined);
    assert.equal(packageById('Privat'), undefined);
    assert.equal(packageById(''), undefined);
  });

  it('packageByScope maps every scope, segmentansvarlig variants included', () => {
    for (const p of RIGHTS_PACKAGES) {
      for (const scope of packageScopes(p)) assert.equal(packageByScope(scope), p, scope);
    }
    assert.equal(packageByScope('folkeregister:deling/finans.segmentansvarlig')?.abbreviation, 'FIN');
    assert.equal(packageByScope('folkeregister:deling/privat.segmentansvarlig'), undefined);
    assert.equal(packageByScope('folkeregister:deling/Privat'), undefined);
    assert.equal(packageByScope('folkeregister:deling/privat folkeregister:deling/presse'), undefined);
    assert.equal(packageByScope(''), undefined);
  });

  it('scopes and prefixes are unique', () => {
    const scopes = RIGHTS_PACKAGES.flatMap((p) => packageScopes(p));
    assert.equal(new Set(scopes).size, scopes.length);
    assert.equal(new Set(RIGHTS_PACKAGES.map((p) => p.pathPrefix)).size, RIGHTS_PACKAGES.length);
  });
});

describe('packageForPath', () => {
  it('routes every prefix to its package with the rest of the path', () => {
    for (const p of RIGHTS_PACKAGES) {
      assert.deepEqual(packageForPath(`${p.pathPrefix}/personer/01104200113`), { package: p, rest: '/personer/01104200113' });
      assert.deepEqual(packageForPath(p.pathPrefix), { package: p, rest: '' });
    }
  });

  it('drops the query string and trailing slashes', () => {
    const privat = pkg('PRI');
    assert.deepEqual(packageForPath('/folkeregisteret/api/privat/v1/hendelser/feed/?seq=1'), { package: privat, rest: '/hendelser/feed' });
    assert.deepEqual(packageForPath('/folkeregisteret/api/privat/v1/hendelser/feed?seq=1&x=/y/'), { package: privat, rest: '/hendelser/feed' });
    assert.deepEqual(packageForPath('/folkeregisteret/api/privat/v1/'), { package: privat, rest: '' });
    assert.deepEqual(packageForPath('/folkeregisteret/api/privat/v1//'), { package: privat, rest: '' });
    assert.deepEqual(packageForPath('/folkeregisteret/api/privat/v1?seq=1'), { package: privat, rest: '' });
    assert.deepEqual(packageForPath('/folkeregisteret/offentlig-med-hjemmel/api/v1/personer/soek/?navn=Ola%20Nordmann'), {
      package: pkg('OMH'),
      rest: '/personer/soek',
    });
  });

  it('does not confuse packages whose names share a beginning', () => {
    assert.equal(packageForPath('/folkeregisteret/api/privatutenhjemmel/v1/personer/soek')?.package.abbreviation, 'PUH');
    assert.equal(packageForPath('/folkeregisteret/api/privatutenfolkeregisteridentifikator/v1/hendelser/feed')?.package.abbreviation, 'PRI-uF');
    assert.equal(packageForPath('/folkeregisteret/api/presseutenfolkeregisteridentifikator/v1')?.package.abbreviation, 'PRE-uF');
    assert.equal(packageForPath('/folkeregisteret/api/privat/v10/hendelser/feed'), undefined);
    assert.equal(packageForPath('/folkeregisteret/api/privatx/v1/hendelser/feed'), undefined);
  });

  it('rejects unknown, obsolete, unversioned and wrongly shaped prefixes', () => {
    for (const path of [
      '/',
      '',
      '/folkeregisteret',
      '/folkeregisteret/api/privat',
      '/folkeregisteret/api/privat/v2/hendelser/feed',
      '/folkeregisteret/offentlig-uten-hjemmel/api/v1/personer/soek',
      '/folkeregisteret/finans-og-begrenset/api/v1/personer/soek',
      '/folkeregisteret/api/offentlig-med-hjemmel/v1/personer/soek',
      '/folkeregisteret/offentligmedhjemmel/api/v1/personer/soek',
      '/Folkeregisteret/api/privat/v1/hendelser/feed',
      '/folkeregister/api/v1/kommune/v1/personer/01104200113',
      'folkeregisteret/api/privat/v1/hendelser/feed',
    ]) {
      assert.equal(packageForPath(path), undefined, path);
    }
  });
});

describe('services per package (§2.1)', () => {
  // The §2.1 table, row by row; columns OMH OUH FIN PUH PRI PRI-uF PRE PRE-uF EID. BRSV has OMH's services (Q16).
  const columns: PackageAbbreviation[] = ['OMH', 'OUH', 'FIN', 'PUH', 'PRI', 'PRI-uF', 'PRE', 'PRE-uF', 'EID'];
  const table: { services: ServiceId[]; routes: string[]; cells: string }[] = [
    { services: ['personoppslag', 'bulkoppslag'], routes: ['GET /personer/{personidentifikator}', 'POST /personer/bulkoppslag'], cells: '✔ ✔ ✔ ✔ – – – – ✔' },
    { services: ['soek'], routes: ['GET /personer/soek'], cells: '✔ ✔ ✔ ✔ – – – – ✔' },
    { services: ['entydigsoek'], routes: ['GET /personer/entydigsoek'], cells: '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔' },
    { services: ['personXsd'], routes: ['GET /personer/xsd'], cells: '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔' },
    { services: ['uttrekkKomplett'], routes: ['GET /uttrekk/komplett', 'GET /uttrekk/{jobbid}/batch/{batchnr}'], cells: '✔ – – – – – – – –' },
    { services: ['uttrekkTilpasset'], routes: ['POST /uttrekk/tilpasset', 'GET /uttrekk/{jobbid}/batch/{batchnr}'], cells: '✔ ✔ ✔ ✔ – – – – ✔' },
    {
      services: ['hendelsesliste'],
      routes: ['GET /hendelser/feed', 'GET /hendelser/siste/sekvensnummer', 'GET /hendelser/xsd', 'GET /hendelser/feedxsd'],
      cells: '✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔',
    },
    { services: ['arkiv'], routes: ['GET /personer/arkiv/{dokumentidentifikator}', 'POST /personer/bulkoppslag/arkiv'], cells: '✔ – – – – – – – –' },
    { services: ['hendelsesdokument'], routes: ['GET /hendelser/{hendelsesidentifikator}', 'POST /hendelser/bulkoppslag'], cells: '✔ – – – – – – – –' },
  ];

  const offered = (abbreviation: PackageAbbreviation, row: (typeof table)[number]): boolean => {
    const column = columns.indexOf(abbreviation === 'BRSV' ? 'OMH' : abbreviation);
    return row.cells.split(' ')[column] === '✔';
  };

  it('every service appears in exactly one row', () => {
    assert.deepEqual(sorted(table.flatMap((row) => row.services)), sorted(SERVICE_IDS));
  });

  for (const abbreviation of ALL) {
    it(`${abbreviation} offers exactly its ✔ services and serves exactly their routes`, () => {
      const p = pkg(abbreviation);
      const services = table.filter((row) => offered(abbreviation, row)).flatMap((row) => row.services);
      for (const service of SERVICE_IDS) assert.equal(packageOffers(p, service), services.includes(service), `${abbreviation} ${service}`);
      const routes = new Set(table.filter((row) => offered(abbreviation, row)).flatMap((row) => row.routes));
      const served = packageRoutes(p).map((route) => `${route.method} ${route.path}`);
      assert.equal(new Set(served).size, served.length, 'each route once');
      assert.deepEqual(sorted(served), sorted(routes));
    });
  }

  it('maps each service to its routes', () => {
    for (const row of table) {
      const routes = row.services.flatMap((service) => SERVICE_ROUTES[service].map((r) => `${r.method} ${r.path}`));
      assert.deepEqual(sorted(routes), sorted(row.routes));
    }
  });

  it('privat and presse packages only look up named persons', () => {
    for (const abbreviation of ['PRI', 'PRI-uF', 'PRE', 'PRE-uF'] as const) {
      assert.deepEqual(sorted(pkg(abbreviation).services), ['entydigsoek', 'hendelsesliste', 'personXsd']);
    }
  });
});

describe('elements per package (§9.4)', () => {
  // Independent encoding of the reconstructed matrix, "?" cells read as "not delivered" (Q1).
  const matrix: Record<PersonElement, string> = {
    falskIdentitet: 'OMH FIN OUH EID BRSV',
    identifikasjonsnummer: 'OMH OUH PUH PRI FIN PRE EID BRSV',
    identitetsgrunnlag: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    kontaktinformasjonForDoedsbo: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    legitimasjonsdokument: 'OMH EID BRSV',
    status: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    utlendingsmyndighetenesIdentifikasjonsnummer: 'OMH BRSV',
    utenlandskPersonidentifikasjon: 'OMH EID BRSV',
    doedsfall: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    sivilstand: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    familierelasjon: 'OMH FIN BRSV',
    bostedsadresse: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    deltBosted: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    oppholdsadresse: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    postadresse: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    postadresseIUtlandet: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    adressebeskyttelse: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    preferertKontaktadresse: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    innflytting: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF BRSV',
    utflytting: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF BRSV',
    forholdTilSametingetsValgmanntall: '',
    kjoenn: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    statsborgerskap: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    foreldreansvar: 'OMH FIN BRSV',
    foedsel: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    navn: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    foedselINorge: 'OMH BRSV',
    vergemaalEllerFremtidsfullmakt: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
    opphold: 'OMH BRSV',
    bibehold: 'OMH BRSV',
    brukAvSamiskSpraak: 'OMH BRSV',
    oppholdPaaSvalbard: 'BRSV',
    rettsligHandleevne: 'OMH OUH PUH PRI PRI-uF FIN PRE PRE-uF EID BRSV',
  };

  for (const abbreviation of ALL) {
    it(`${abbreviation} may see exactly its matrix elements, in model order`, () => {
      const expected = PERSON_ELEMENTS.filter((element) => abbreviations(matrix[element]).includes(abbreviation));
      assert.deepEqual(pkg(abbreviation).elements, expected);
    });
  }

  const BASIS = [
    'identifikasjonsnummer', 'identitetsgrunnlag', 'status', 'doedsfall', 'sivilstand', 'foedsel', 'statsborgerskap', 'kjoenn',
    'navn', 'bostedsadresse', 'oppholdsadresse', 'deltBosted', 'postadresse', 'postadresseIUtlandet', 'adressebeskyttelse',
    'kontaktinformasjonForDoedsbo',
  ] as const satisfies readonly PersonElement[];

  it('person-basis is the documented set; without identifikasjonsnummer for privat/presse; EID adds foreign ids', () => {
    const withoutId = BASIS.filter((e) => e !== 'identifikasjonsnummer');
    for (const abbreviation of ALL) {
      const expected: readonly PersonElement[] = ['PRI', 'PRE', 'PRI-uF', 'PRE-uF'].includes(abbreviation)
        ? withoutId
        : abbreviation === 'EID'
          ? [...BASIS, 'utenlandskPersonidentifikasjon', 'legitimasjonsdokument']
          : BASIS;
      assert.deepEqual(sorted(pkg(abbreviation).personBasis), sorted(expected), abbreviation);
    }
  });

  it('identity numbers: always, on request (PRI, PRE) or never (uten folkeregisteridentifikator)', () => {
    const expected: Record<PackageAbbreviation, RightsPackage['identifikasjonsnummer']> = {
      OMH: 'alltid', OUH: 'alltid', PUH: 'alltid', PRI: 'paaForespoersel', 'PRI-uF': 'aldri',
      FIN: 'alltid', PRE: 'paaForespoersel', 'PRE-uF': 'aldri', EID: 'alltid', BRSV: 'alltid',
    };
    for (const abbreviation of ALL) assert.equal(pkg(abbreviation).identifikasjonsnummer, expected[abbreviation], abbreviation);
  });

  it('identitetsgrunnlag-utvidet exists in OMH, EID (and BRSV) only', () => {
    for (const abbreviation of ALL) {
      const expansion = pkg(abbreviation).identitetsgrunnlagUtvidet;
      if (['OMH', 'EID', 'BRSV'].includes(abbreviation)) {
        assert.deepEqual(sorted(expansion ?? []), ['falskIdentitet', 'legitimasjonsdokument', 'utenlandskPersonidentifikasjon']);
      } else {
        assert.equal(expansion, undefined, abbreviation);
      }
    }
  });

  it('relasjon-utvidet: family relations in OMH and Finans, vergemål only elsewhere', () => {
    for (const abbreviation of ALL) {
      const expected = ['OMH', 'FIN', 'BRSV'].includes(abbreviation)
        ? ['familierelasjon', 'foreldreansvar', 'vergemaalEllerFremtidsfullmakt']
        : ['vergemaalEllerFremtidsfullmakt'];
      assert.deepEqual(sorted(pkg(abbreviation).relasjonUtvidet), expected, abbreviation);
    }
  });

  it('history: OMH all; Finans id, addresses, navn, sivilstand; others id, addresses, navn', () => {
    const addresses = ['bostedsadresse', 'oppholdsadresse', 'deltBosted', 'postadresse', 'postadresseIUtlandet'];
    for (const abbreviation of ALL) {
      const p = pkg(abbreviation);
      let expected: string[];
      if (abbreviation === 'OMH' || abbreviation === 'BRSV') expected = [...p.elements];
      else if (abbreviation === 'FIN') expected = ['identifikasjonsnummer', ...addresses, 'navn', 'sivilstand'];
      else if (abbreviation.endsWith('-uF')) expected = [...addresses, 'navn'];
      else expected = ['identifikasjonsnummer', ...addresses, 'navn'];
      assert.deepEqual(sorted(p.historyElements), sorted(expected), abbreviation);
    }
  });

  it('every element list in the table is in model order', () => {
    for (const p of RIGHTS_PACKAGES) {
      for (const list of [p.elements, p.personBasis, p.historyElements, p.relasjonUtvidet, p.identitetsgrunnlagUtvidet ?? []]) {
        assert.deepEqual(list, PERSON_ELEMENTS.filter((e) => list.includes(e)), p.abbreviation);
      }
    }
  });

  it('every list a package names is within what it may see', () => {
    for (const p of RIGHTS_PACKAGES) {
      for (const list of [p.personBasis, p.historyElements, p.relasjonUtvidet, p.identitetsgrunnlagUtvidet ?? []]) {
        for (const element of list) assert.ok(p.elements.includes(element), `${p.abbreviation} ${element}`);
      }
      assert.equal(p.elements.includes('identifikasjonsnummer'), p.identifikasjonsnummer !== 'aldri', p.abbreviation);
    }
  });
});

describe('masking and detail rules (§9)', () => {
  const flags = (select: (p: RightsPackage) => boolean): string =>
    RIGHTS_PACKAGES.filter(select).map((p) => p.abbreviation).join(' ');

  it('masks the four confidential statuses as aktiv everywhere except OMH and BRSV', () => {
    const statuses = ['bosatt', 'utflyttet', 'forsvunnet', 'doed', 'opphoert', 'foedselsregistrert', 'midlertidig', 'inaktiv', 'ikkeBosatt'] as const;
    const confidential = new Set(['forsvunnet', 'foedselsregistrert', 'midlertidig', 'ikkeBosatt']);
    for (const p of RIGHTS_PACKAGES) {
      const masks = p.abbreviation !== 'OMH' && p.abbreviation !== 'BRSV';
      assert.equal(p.masksStatus, masks, p.abbreviation);
      for (const status of statuses) {
        assert.equal(visibleStatus(p, status), masks && confidential.has(status) ? 'aktiv' : status, `${p.abbreviation} ${status}`);
      }
    }
  });

  it('graded addresses go to OMH only; strengtFortrolig addresses to nobody', () => {
    assert.equal(flags((p) => p.gradedAddresses), 'OMH');
    for (const p of RIGHTS_PACKAGES) {
      assert.equal(addressVisible(p, undefined), true);
      assert.equal(addressVisible(p, 'ugradert'), true);
      assert.equal(addressVisible(p, 'fortrolig'), p.abbreviation === 'OMH', p.abbreviation);
      assert.equal(addressVisible(p, 'klientadresse'), p.abbreviation === 'OMH', p.abbreviation);
      assert.equal(addressVisible(p, 'strengtFortrolig'), false, p.abbreviation);
    }
  });

  it('migration detail for protected persons goes to public packages only', () => {
    assert.equal(flags((p) => p.protectedMigrationDetail), 'OMH OUH BRSV');
  });

  it('metadata is stripped to erGjeldende + value everywhere except OMH and BRSV', () => {
    assert.equal(flags((p) => !p.stripsMetadata), 'OMH BRSV');
    assert.deepEqual(STRIPPED_METADATA_FIELDS, ['ajourholdstidspunkt', 'kilde', 'aarsak', 'gyldighetstidspunkt', 'opphoerstidspunkt']);
  });

  it('spouse reference and vergemål tjenesteomraade only with hjemmel; Finans gets the verge fnr', () => {
    assert.equal(flags((p) => p.spouseReference), 'OMH BRSV');
    assert.equal(flags((p) => p.vergemaalTjenesteomraade), 'OMH BRSV');
    assert.equal(flags((p) => p.vergeIdentifikasjonsnummer), 'OMH FIN BRSV');
  });

  it('dødsbo contact persons come without fnr in the privat and presse families', () => {
    assert.equal(flags((p) => !p.doedsboContactIdentifikasjonsnummer), 'PRI PRI-uF PRE PRE-uF');
  });

  it('events are generalised to endringIPerson in the privat and presse families', () => {
    assert.equal(flags((p) => p.events === 'endringIPerson'), 'PRI PRI-uF PRE PRE-uF');
    assert.equal(flags((p) => p.events === 'spesifikke'), 'OMH OUH PUH FIN EID BRSV');
  });

  it('feed items carry document ids only where the documents can be fetched (Q10)', () => {
    assert.equal(flags((p) => p.feedDocumentIds), 'OMH BRSV');
    for (const p of RIGHTS_PACKAGES) assert.equal(p.feedDocumentIds, packageOffers(p, 'hendelsesdokument') && packageOffers(p, 'arkiv'));
  });
});

describe('entydigsoek criteria (§5.2)', () => {
  const base = ['adressenavn', 'foedselsdato', 'husnummer', 'identifikasjonsnummer', 'navn', 'postnummer'];

  it('foreign id and legitimasjonsdokument: OMH and EID; DUF: OMH only', () => {
    for (const p of RIGHTS_PACKAGES) {
      const criteria = p.entydigsoekCriteria;
      const omh = p.abbreviation === 'OMH' || p.abbreviation === 'BRSV';
      assert.equal(criteria.includes('utenlandskPersonidentifikasjon'), omh || p.abbreviation === 'EID', p.abbreviation);
      assert.equal(criteria.includes('legitimasjonsdokument'), omh || p.abbreviation === 'EID', p.abbreviation);
      assert.equal(criteria.includes('utlendingsmyndighetenesIdentifikasjonsnummer'), omh, p.abbreviation);
    }
  });

  it('the uten folkeregisteridentifikator packages cannot search by fnr; others have the full base set', () => {
    for (const p of RIGHTS_PACKAGES) {
      const own = p.entydigsoekCriteria.filter((c) => base.includes(c));
      const expected = p.identifikasjonsnummer === 'aldri' ? base.filter((c) => c !== 'identifikasjonsnummer') : base;
      assert.deepEqual(sorted(own), expected, p.abbreviation);
    }
  });
});
