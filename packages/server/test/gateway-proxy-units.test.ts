// The proxy's pure parts: path whitelisting, the role's decisions and the minimisation of answers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '../src/gateway/gateway-model.js';
import type { TokenVerifier, VerifiedToken } from '../src/auth/token-verifier.js';
import type { ProxyAccess } from '../src/gateway/gateway-model.js';
import { createFailedLogins } from '../src/gateway/failed-logins.js';
import { createGatewayAuth } from '../src/gateway/proxy/gateway-auth.js';
import { ProxyError } from '../src/gateway/proxy/proxy-error.js';
import { parseProxyTarget } from '../src/gateway/proxy/proxy-path.js';
import {
  FilterReport,
  filterEventDocument,
  filterPersonBulk,
  filterPersonDocument,
  identifiersIn,
} from '../src/gateway/proxy/response-filter.js';
import { authorise, rolePolicy } from '../src/gateway/proxy/role-policy.js';

const ROLE_ID = '3f2b8c1e-5d4a-4b6c-8e9f-0a1b2c3d4e5f';
const at = (path: string) => `/folkeregister/api/v1/${ROLE_ID}/v1/${path}`;
const PERSON = '01928374650';

function role(overrides: Partial<Role> = {}): Role {
  return {
    id: ROLE_ID,
    fiksOrgId: '0b8a3c5e-1f2d-4e6a-9b7c-0d1e2f3a4b5c',
    navn: 'Test',
    tjenesteOmrade: 'OPPVEKST',
    bruksomrader: ['SOK', 'HENDELSER', 'INNBYGGERLISTER'],
    dataminimering: { parts: ['person-basis'], opplysninger: [] },
    kanHenteTaushetsbelagtInfo: true,
    kanBrukesPaSokeside: false,
    gyldighet: { api: true, soekWeb: false, uttrekkWeb: false, asynkron: false },
    gradertAdresse: 'skjul',
    aktiv: true,
    tagger: [],
    pakke: 'offentligMedHjemmel',
    datoOpprettet: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

function refusal(work: () => unknown, status: number, errorCode: string) {
  assert.throws(work, (error: unknown) => {
    assert.ok(error instanceof ProxyError, String(error));
    assert.equal(error.status, status, error.message);
    assert.equal(error.errorCode, errorCode, error.message);
    return true;
  });
}

describe('proxy paths', () => {
  test('a lookup: role id, FREG path, parts decoded, the reveal parameter removed from what goes upstream', () => {
    const target = parseProxyTarget('GET', `${at(`personer/${PERSON}`)}?part=navn&visHemmeligeAdresser=true&part=person%2Dbasis`);
    assert.equal(target.roleId, ROLE_ID);
    assert.equal(target.action, 'personoppslag');
    assert.equal(target.bruksomrade, 'SOK');
    assert.equal(target.fregPath, `/personer/${PERSON}`);
    assert.equal(target.query, 'part=navn&part=person%2Dbasis');
    assert.deepEqual(target.parts, ['navn', 'person-basis']);
    assert.equal(target.reveal, true);
    assert.equal(target.params.personidentifikator, PERSON);
  });

  test('every FREG consumer resource maps to its bruksområde; literal routes win over parameters', () => {
    const cases: [string, string, string, string][] = [
      ['POST', 'personer/bulkoppslag', 'bulkoppslag', 'SOK'],
      ['POST', 'personer/bulkoppslag/arkiv', 'arkiv', 'SOK'],
      ['GET', 'personer/arkiv/8f475708c3d855defca884f4af6e49ae', 'arkiv', 'SOK'],
      ['GET', 'personer/soek?navn=Kari', 'soek', 'SOK'],
      ['GET', 'personer/entydigsoek?navn=Kari+Nordmann', 'entydigsoek', 'SOK'],
      ['GET', 'personer/xsd', 'xsd', 'SOK'],
      ['GET', 'hendelser/feed?seq=1', 'hendelsesliste', 'HENDELSER'],
      ['GET', 'hendelser/feed/?seq=1', 'hendelsesliste', 'HENDELSER'],
      ['HEAD', 'hendelser/feed?seq=1', 'hendelsesliste', 'HENDELSER'],
      ['GET', 'hendelser/siste/sekvensnummer', 'sekvensnummer', 'HENDELSER'],
      ['GET', 'hendelser/55591b51b20518f4f22bf1edd6aa9f25', 'hendelsesdokument', 'HENDELSER'],
      ['POST', 'hendelser/bulkoppslag', 'hendelsesdokument', 'HENDELSER'],
      ['GET', 'uttrekk/komplett?feedsekvensnr=1', 'uttrekk', 'INNBYGGERLISTER'],
      ['POST', 'uttrekk/tilpasset', 'uttrekk', 'INNBYGGERLISTER'],
      ['GET', 'uttrekk/e9ca4d76-2ed7-43bc-bb50-469304df1e1c/batch/0', 'uttrekk', 'INNBYGGERLISTER'],
    ];
    for (const [method, path, action, bruksomrade] of cases) {
      const target = parseProxyTarget(method, at(path));
      assert.equal(target.action, action, path);
      assert.equal(target.bruksomrade, bruksomrade, path);
    }
    assert.equal(parseProxyTarget('GET', at('hendelser/feed/?seq=1')).fregPath, '/hendelser/feed/');
  });

  test('encoded characters, dot segments and empty segments are refused (400)', () => {
    for (const path of [
      `personer%2F${PERSON}`,
      `personer/..%2F..%2Fapi%2Fprivat%2Fv1%2Fpersoner%2F${PERSON}`,
      `personer/../../api/privat/v1/personer/${PERSON}`,
      `personer/./${PERSON}`,
      `personer//${PERSON}`,
      `personer/${PERSON}/`,
      'personer/%2e%2e',
    ]) {
      refusal(() => parseProxyTarget('GET', at(path)), path.endsWith('/') ? 404 : 400, path.endsWith('/') ? 'UKJENT_RESSURS' : 'UGYLDIG_STI');
    }
  });

  test('a role id that is not a UUID, another FREG version or a resource outside the consumer API is 404', () => {
    refusal(() => parseProxyTarget('GET', `/folkeregister/api/v1/not-a-uuid/v1/personer/${PERSON}`), 404, 'UKJENT_RESSURS');
    refusal(() => parseProxyTarget('GET', `/folkeregister/api/v1/${ROLE_ID}..%2F/v1/personer/${PERSON}`), 404, 'UKJENT_RESSURS');
    refusal(() => parseProxyTarget('GET', at(`../v2/personer/${PERSON}`).replace('/v1/../v2', '/v2')), 404, 'UKJENT_RESSURS');
    refusal(() => parseProxyTarget('GET', at('innsyn/personer')), 404, 'UKJENT_RESSURS');
    refusal(() => parseProxyTarget('GET', at('personer')), 404, 'UKJENT_RESSURS');
    refusal(() => parseProxyTarget('GET', at('uttrekk/x/batch/0/extra')), 404, 'UKJENT_RESSURS');
  });

  test('a known resource with another method is 405; a bad reveal value is 400', () => {
    refusal(() => parseProxyTarget('POST', at(`personer/${PERSON}`)), 405, 'METODE_IKKE_TILLATT');
    refusal(() => parseProxyTarget('GET', at('personer/bulkoppslag')), 405, 'METODE_IKKE_TILLATT');
    refusal(() => parseProxyTarget('GET', `${at(`personer/${PERSON}`)}?visHemmeligeAdresser=ja`), 400, 'UGYLDIG_PARAMETER');
  });
});

describe('role policy', () => {
  const lookup = (query = '') => parseProxyTarget('GET', `${at(`personer/${PERSON}`)}${query}`);

  test('parts inside the role pass; a part outside is 403; history only with historikk', () => {
    const narrow = role({ dataminimering: { parts: [], opplysninger: ['identifikasjonsnummer', 'navn', 'bostedsadresse'] } });
    authorise(narrow, lookup('?part=navn&part=BOSTEDSADRESSE'), false);
    refusal(() => authorise(narrow, lookup('?part=navn&part=sivilstand')), 403, 'PART_IKKE_I_ROLLE');
    refusal(() => authorise(narrow, lookup('?part=person-basis')), 403, 'PART_IKKE_I_ROLLE');
    refusal(() => authorise(narrow, lookup('?part=navn&part=historikk')), 403, 'PART_IKKE_I_ROLLE');
    const withHistory = role({ dataminimering: { parts: ['historikk'], opplysninger: ['navn'] } });
    authorise(withHistory, lookup('?part=navn&part=historikk'), false);
    assert.deepEqual([...rolePolicy(withHistory).elements], ['navn']);
  });

  test('no part is refused unless the role covers all of person-basis', () => {
    const narrow = role({ dataminimering: { parts: [], opplysninger: ['navn'] } });
    refusal(() => authorise(narrow, lookup()), 400, 'PART_PAAKREVD');
    refusal(() => authorise(narrow, lookup('?part=historikk')), 403, 'PART_IKKE_I_ROLLE');
    authorise(role(), lookup(), false);
    assert.equal(rolePolicy(role()).coversPersonBasis, true);
  });

  test('an unknown part is left for the upstream to refuse', () => {
    authorise(role(), lookup('?part=ukjent'), false);
  });

  test('inactive roles, roles not valid for the API, missing bruksområder and services outside the package are 403', () => {
    refusal(() => authorise(role({ aktiv: false }), lookup(), false), 403, 'ROLLE_IKKE_AKTIV');
    refusal(
      () => authorise(role({ gyldighet: { api: false, soekWeb: true, uttrekkWeb: false, asynkron: false } }), lookup(), false),
      403,
      'ROLLE_IKKE_GYLDIG_FOR_API',
    );
    refusal(() => authorise(role({ bruksomrader: ['HENDELSER'] }), lookup(), false), 403, 'BRUKSOMRADE_IKKE_I_ROLLE');
    refusal(() => authorise(role({ bruksomrader: ['SOK'] }), parseProxyTarget('GET', at('hendelser/feed?seq=1')), false), 403, 'BRUKSOMRADE_IKKE_I_ROLLE');
    refusal(() => authorise(role({ bruksomrader: ['SOK'] }), parseProxyTarget('POST', at('uttrekk/tilpasset')), false), 403, 'BRUKSOMRADE_IKKE_I_ROLLE');
    const uten = role({ pakke: 'offentligUtenHjemmel', kanHenteTaushetsbelagtInfo: false });
    refusal(
      () => authorise(uten, parseProxyTarget('GET', at('personer/arkiv/8f475708c3d855defca884f4af6e49ae')), false),
      403,
      'TJENESTE_IKKE_I_RETTIGHETSPAKKE',
    );
  });

  test('identifier answers need identifikasjonsnummer in the role; revealing needs kanHenteTaushetsbelagtInfo', () => {
    const withoutId = role({ dataminimering: { parts: [], opplysninger: ['navn'] } });
    refusal(() => authorise(withoutId, parseProxyTarget('GET', at('personer/soek?navn=Kari')), false), 403, 'PART_IKKE_I_ROLLE');
    refusal(() => authorise(withoutId, parseProxyTarget('GET', at('hendelser/feed?seq=1')), false), 403, 'PART_IKKE_I_ROLLE');
    const uten = role({ pakke: 'offentligUtenHjemmel', kanHenteTaushetsbelagtInfo: false });
    refusal(() => authorise(uten, lookup(), true), 403, 'VIS_HEMMELIGE_ADRESSER_IKKE_TILLATT');
    assert.equal(authorise(role(), lookup(), true).reveal, true);
    assert.equal(authorise(role({ gradertAdresse: 'vis' }), lookup(), true).reveal, false, 'nothing is hidden to reveal');
  });
});

describe('response minimisation', () => {
  const rules = { elements: new Set(['identifikasjonsnummer', 'navn', 'bostedsadresse', 'postadresse', 'doedsfall']), history: false, hideGraded: true };
  const document = () => ({
    identifikasjonsnummer: [{ erGjeldende: true, foedselsEllerDNummer: PERSON }],
    navn: [
      { erGjeldende: true, fornavn: 'Kari', etternavn: 'Nordmann' },
      { erGjeldende: false, fornavn: 'Kari', etternavn: 'Hansen' },
    ],
    bostedsadresse: [{ erGjeldende: true, adressegradering: 'fortrolig', vegadresse: { adressenavn: 'Hemmelig vei' } }],
    postadresse: [
      { erGjeldende: true, adressegradering: 'ugradert', postadresseIFrittFormat: { adresselinje: ['Postboks 1'] } },
      { erGjeldende: true, adressegradering: 'klientadresse', postadresseIFrittFormat: { adresselinje: ['Institusjon'] } },
    ],
    sivilstand: [{ erGjeldende: true, sivilstand: 'gift' }],
    doedsfall: { erGjeldende: false, doedsdato: '2020-01-01' },
  });

  test('a person document keeps the role\'s current elements and no graded address', () => {
    const report = new FilterReport();
    const filtered = document();
    filterPersonDocument(filtered, rules, report);
    assert.deepEqual(filtered, {
      identifikasjonsnummer: [{ erGjeldende: true, foedselsEllerDNummer: PERSON }],
      navn: [{ erGjeldende: true, fornavn: 'Kari', etternavn: 'Nordmann' }],
      postadresse: [{ erGjeldende: true, adressegradering: 'ugradert', postadresseIFrittFormat: { adresselinje: ['Postboks 1'] } }],
    });
    assert.equal(report.changed, true);
    assert.equal(report.gradedRemoved, 2);
    assert.deepEqual([...report.persons], [PERSON]);
    assert.deepEqual([...report.elements].sort(), ['identifikasjonsnummer', 'navn', 'postadresse']);
  });

  test('revealed: graded addresses stay and are counted; with historikk the historic values stay', () => {
    const report = new FilterReport();
    const filtered = document();
    filterPersonDocument(filtered, { ...rules, hideGraded: false, history: true }, report);
    assert.equal(filtered.bostedsadresse.length, 1);
    assert.equal(filtered.postadresse.length, 2);
    assert.equal(filtered.navn.length, 2);
    assert.ok(filtered.doedsfall);
    assert.equal(report.gradedDelivered, 2);
  });

  test('an answer within the role is not changed', () => {
    const report = new FilterReport();
    filterPersonDocument({ identifikasjonsnummer: [{ erGjeldende: true, foedselsEllerDNummer: PERSON }], navn: [{ erGjeldende: true }] }, rules, report);
    assert.equal(report.changed, false);
  });

  test('bulk answers and event documents are minimised entry by entry', () => {
    const bulk = { oppslag: [{ foedselsEllerDNummer: PERSON, folkeregisterperson: document() }, { foedselsEllerDNummer: '01928374651', feilmelding: { feilmelding: 'x' } }] };
    const report = new FilterReport();
    assert.equal(filterPersonBulk(bulk, rules, report), true);
    assert.deepEqual(Object.keys(bulk.oppslag[0]?.folkeregisterperson ?? {}), ['identifikasjonsnummer', 'navn', 'postadresse']);

    const event = {
      dokumentidentifikator: '55591b51b20518f4f22bf1edd6aa9f25',
      hendelse: {
        folkeregisteridentifikator: PERSON,
        hendelsestype: 'personErOpprettet',
        egenskapshendelse: [
          { navn: { fornavn: 'Kari' }, entitet: 'navn', entitetsendring: 'registrereNy' },
          { sivilstand: { sivilstand: 'gift' }, entitet: 'sivilstand', entitetsendring: 'registrereNy' },
          { bostedsadresse: { adressegradering: 'strengtFortrolig' }, entitet: 'bostedsadresse', entitetsendring: 'registrereNy' },
          { entitet: 'kontaktadresse', entitetsendring: 'annullere' },
        ],
      },
    };
    const eventReport = new FilterReport();
    assert.equal(filterEventDocument(event, rules, eventReport), true);
    assert.deepEqual(
      event.hendelse.egenskapshendelse.map((change) => change.entitet),
      ['navn', 'kontaktadresse'],
    );
    assert.equal(eventReport.gradedRemoved, 1);
    assert.deepEqual([...eventReport.persons], [PERSON]);
    assert.equal(filterEventDocument({ not: 'an event' }, rules, eventReport), false);
  });

  test('identifier answers: the identity numbers in JSON, XML and Atom', () => {
    assert.deepEqual(identifiersIn(`{"foedselsEllerDNummer":["${PERSON}","01928374651"]}`), [PERSON, '01928374651']);
    assert.deepEqual(identifiersIn(`[{"sekvensnummer":12345678901,"hendelse":{"folkeregisteridentifikator":"${PERSON}"}}]`), [PERSON]);
    assert.deepEqual(identifiersIn(`<a><folkeregisteridentifikator>${PERSON}</folkeregisteridentifikator></a>`), [PERSON]);
  });
});

describe('gateway authentication: the password-check cache', () => {
  const VENDOR = '991825827';
  const INTEGRATION = '6e2a3f9c-0d1b-4c5e-8f7a-9b0c1d2e3f4a';
  const verifier = {
    verify: async () => ({ consumerOrg: VENDOR, scopes: ['ks:fiks'], clientId: 'vendor' }) as unknown as VerifiedToken,
  } as unknown as TokenVerifier;

  function setUp(failedLoginsPerMinute = 60) {
    const clock = { now: 0 };
    const stored = { hash: 'hash-1', password: 'secret-1' };
    const slowChecks: string[] = [];
    const access = (): ProxyAccess => ({
      integration: { id: INTEGRATION, fiksOrgId: role().fiksOrgId, navn: 'x', autorisertOrgnr: VENDOR, opprettet: new Date() },
      passwordHash: stored.hash,
      role: role(),
      organisation: { fiksOrgId: role().fiksOrgId, orgnr: '974760673', navn: 'Oslo', kommunenummer: '0301' },
    });
    const auth = createGatewayAuth({
      verifier,
      store: { proxyAccess: async () => access() },
      passwords: {
        verify: async (password, hash) => {
          slowChecks.push(hash);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return hash === stored.hash && password === stored.password;
        },
        hash: async () => 'decoy',
      },
      failedLogins: createFailedLogins(failedLoginsPerMinute, () => clock.now),
    });
    const headers = (password: string) => ({ authorization: 'Bearer t', integrasjonid: INTEGRATION, integrasjonpassord: password });
    return { clock, stored, slowChecks, authenticate: (password: string) => auth.authenticate(headers(password), ROLE_ID) };
  }

  const refusedWith = (status: number) => (error: unknown) => error instanceof ProxyError && error.status === status;

  test('concurrent first requests share one slow check; later ones use none', async () => {
    const { slowChecks, authenticate } = setUp();
    await Promise.all([1, 2, 3, 4, 5].map(() => authenticate('secret-1')));
    assert.equal(slowChecks.length, 1);
    await authenticate('secret-1');
    assert.equal(slowChecks.length, 1);
  });

  test('a wrong password is checked every time; a new stored hash ends the old password at once', async () => {
    const { stored, slowChecks, authenticate } = setUp();
    await authenticate('secret-1');
    for (let i = 0; i < 2; i++) {
      await assert.rejects(authenticate('wrong'), (error: unknown) => error instanceof ProxyError && error.status === 401);
    }
    assert.equal(slowChecks.length, 3);
    stored.hash = 'hash-2';
    stored.password = 'secret-2';
    await assert.rejects(authenticate('secret-1'), (error: unknown) => error instanceof ProxyError && error.status === 401);
    await authenticate('secret-2');
  });

  test('failed checks use up the budget, successes do not; over it, no slow check runs until the next minute', async () => {
    const { clock, slowChecks, authenticate } = setUp(2);
    await authenticate('secret-1');
    await authenticate('secret-1');
    await assert.rejects(authenticate('wrong-1'), refusedWith(401));
    await assert.rejects(authenticate('wrong-2'), refusedWith(401));
    assert.equal(slowChecks.length, 3, 'one check for the right password (then cached), one per wrong one');

    await assert.rejects(authenticate('wrong-3'), (error: unknown) => {
      assert.ok(error instanceof ProxyError);
      assert.equal(error.status, 429);
      assert.equal(error.errorCode, 'FOR_MANGE_MISLYKKEDE_INNLOGGINGER');
      assert.equal(error.headers['retry-after'], '60000');
      return true;
    });
    assert.equal(slowChecks.length, 3, 'refused before any slow check');
    await authenticate('secret-1'); // verified before: no check needed, so no budget either

    clock.now += 60_000;
    await assert.rejects(authenticate('wrong-4'), refusedWith(401));
    assert.equal(slowChecks.length, 4);
  });
});
