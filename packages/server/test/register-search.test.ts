import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSearchIndex } from '../src/register/search/search-index.js';
import { registerSearchRoutes } from '../src/register/search/search-routes.js';
import { openRegisterStore } from '../src/register/register-store.js';
import { describeDatabases } from './databases.js';
import { idOf } from './generator-fixture.js';
import { registerApi, registerPopulation } from './register-api-fixture.js';
import { change, meta, rename } from './register-feed-fixture.js';
import {
  compact,
  current,
  entydigsoek,
  foedselsdato,
  foundId,
  gradingOf,
  idsOf,
  isDead,
  pick,
  protection,
  queryString,
  searchable,
  soek,
  wordsOf,
  type Doc,
} from './register-search-fixture.js';

const fixture = (db: Parameters<typeof registerApi>[0]) => registerApi(db, [registerSearchRoutes]);

describeDatabases('register search: personer/soek', (target) => {
  test('name, birth and address criteria give exactly the matching living persons', async () => {
    const api = await fixture(target.db);
    const docs = api.persons.map((p) => p.document);
    const where = (match: (doc: Doc) => boolean) => idsOf(docs.filter((doc) => searchable(doc) && match(doc)));

    const hansen = await soek(api, { navn: 'hansen' });
    assert.ok(hansen.length > 5);
    assert.deepEqual(hansen, where((doc) => wordsOf(current(doc.navn)).includes('HANSEN')));

    const person = pick(
      api.persons,
      (doc) => searchable(doc) && protection(doc) === 'ugradert' && !!current(doc.bostedsadresse)?.vegadresse?.adressenummer,
      'resident with a house number',
    );
    const navn = current(person.navn) as NonNullable<Doc['navn']>[number];
    const fornavn = navn.fornavn.split(' ')[0] as string;
    const twoWords = await soek(api, { navn: `${fornavn} ${navn.etternavn}` });
    assert.ok(twoWords.includes(idOf(person)));
    assert.deepEqual(twoWords, where((doc) => [fornavn.toUpperCase(), navn.etternavn.toUpperCase()].every((w) => wordsOf(current(doc.navn)).includes(w))));

    const born = foedselsdato(person) as string;
    assert.deepEqual(await soek(api, { foedselsdato: compact(born) }), where((doc) => foedselsdato(doc) === born));

    assert.deepEqual(
      await soek(api, { kjoenn: 'kvinne', foedselsaarFraOgMed: '1980', foedselsaarTilOgMed: '1985' }),
      where((doc) => {
        const year = Number(current(doc.foedsel)?.foedselsaar);
        return current(doc.kjoenn)?.kjoenn === 'kvinne' && year >= 1980 && year <= 1985;
      }),
    );

    // Address criteria: the current bostedsadresse, never one graded strengtFortrolig (any package).
    const bosted = (doc: Doc) => {
      const address = current(doc.bostedsadresse);
      return address && gradingOf(doc, address) !== 'strengtFortrolig' ? address : undefined;
    };
    const kommune = (doc: Doc) => {
      const address = bosted(doc);
      return address?.vegadresse?.kommunenummer ?? address?.matrikkeladresse?.matrikkelnummer.kommunenummer ?? address?.ukjentBosted?.bostedskommune;
    };
    const veg = current(person.bostedsadresse)?.vegadresse as NonNullable<NonNullable<Doc['bostedsadresse']>[number]['vegadresse']>;
    const postnummer = veg.poststed?.postnummer as string;
    assert.deepEqual(
      await soek(api, { postnummer }),
      where((doc) => (bosted(doc)?.vegadresse?.poststed ?? bosted(doc)?.matrikkeladresse?.poststed)?.postnummer === postnummer),
    );
    assert.deepEqual(await soek(api, { kommunenummer: veg.kommunenummer, kjoenn: 'mann' }), where((doc) => kommune(doc) === veg.kommunenummer && current(doc.kjoenn)?.kjoenn === 'mann'));
    const fylke = veg.kommunenummer.slice(0, 2);
    assert.deepEqual(await soek(api, { fylkesnummer: fylke, foedselsaarFraOgMed: '2000' }), where((doc) => kommune(doc)?.startsWith(fylke) === true && Number(current(doc.foedsel)?.foedselsaar) >= 2000));

    const nummer = veg.adressenummer as { husnummer: string; husbokstav?: string };
    const street = await soek(api, { adressenavn: veg.adressenavn.slice(0, 3).toLowerCase(), husnummer: `${nummer.husnummer}${nummer.husbokstav ?? ''}` });
    assert.ok(street.includes(idOf(person)));
    assert.deepEqual(
      street,
      where((doc) => {
        const other = bosted(doc)?.vegadresse;
        return (
          other?.adressenavn.toUpperCase().startsWith(veg.adressenavn.slice(0, 3).toUpperCase()) === true &&
          other.adressenummer?.husnummer === nummer.husnummer &&
          other.adressenummer.husbokstav === nummer.husbokstav
        );
      }),
    );
    assert.deepEqual(await soek(api, { navn: 'Ingensteds Finnesikke' }), []);
  });

  test('house letters must match; oppholdsadresse only with inkluderOppholdsadresse; JSON, XML, 406', async () => {
    const api = await fixture(target.db);
    const lettered = pick(
      api.persons,
      (doc) => searchable(doc) && protection(doc) === 'ugradert' && !!current(doc.bostedsadresse)?.vegadresse?.adressenummer?.husbokstav,
      'resident with a house letter',
    );
    const veg = current(lettered.bostedsadresse)?.vegadresse as NonNullable<NonNullable<Doc['bostedsadresse']>[number]['vegadresse']>;
    const { husnummer, husbokstav } = veg.adressenummer as { husnummer: string; husbokstav: string };
    assert.ok((await soek(api, { adressenavn: veg.adressenavn, husnummer: `${husnummer}${husbokstav.toLowerCase()}` })).includes(idOf(lettered)));
    assert.ok(!(await soek(api, { adressenavn: veg.adressenavn, husnummer })).includes(idOf(lettered)), 'no letter means none');

    const staying = pick(
      api.persons,
      (doc) => {
        const opphold = current(doc.oppholdsadresse)?.vegadresse;
        return searchable(doc) && protection(doc) === 'ugradert' && !!opphold?.adressenummer && opphold.adressenavn !== current(doc.bostedsadresse)?.vegadresse?.adressenavn;
      },
      'person with an oppholdsadresse',
    );
    const opphold = current(staying.oppholdsadresse)?.vegadresse as NonNullable<NonNullable<Doc['oppholdsadresse']>[number]['vegadresse']>;
    const byOpphold = { adressenavn: opphold.adressenavn, husnummer: `${opphold.adressenummer?.husnummer}${opphold.adressenummer?.husbokstav ?? ''}` };
    assert.ok(!(await soek(api, byOpphold)).includes(idOf(staying)));
    assert.ok((await soek(api, { ...byOpphold, inkluderOppholdsadresse: 'true' })).includes(idOf(staying)));

    const query = `/personer/soek?${queryString({ navn: 'hansen' })}`;
    const json = await api.call('offentligMedHjemmel', 'GET', query);
    const ids = (json.json() as { foedselsEllerDNummer: string[] }).foedselsEllerDNummer;
    assert.match(String(json.headers['content-type']), /^application\/json/);
    const xml = await api.call('offentligMedHjemmel', 'GET', query, { headers: { accept: 'application/xml' } });
    assert.equal(xml.status, 200);
    assert.match(String(xml.headers['content-type']), /^application\/xml/);
    assert.equal(
      xml.body,
      `<?xml version="1.0" encoding="UTF-8"?><personsoekResponse>${ids.map((id) => `<foedselsEllerDNummer>${id}</foedselsEllerDNummer>`).join('')}</personsoekResponse>`,
    );
    const refused = await api.call('offentligMedHjemmel', 'GET', query, { headers: { accept: 'text/plain' } });
    assert.equal(refused.status, 406);
    assert.equal(refused.json().kode, 'FREG-406');
    const empty = await api.call('offentligMedHjemmel', 'GET', `/personer/soek?navn=Ingensteds`);
    assert.equal(empty.body, '{"foedselsEllerDNummer":[]}');
  });

  test('soekFonetisk finds spelling variants (Hansen/Hanssen, Nilsen/Nielsen, Thorsen/Thoresen …) and nothing else', async () => {
    const api = await fixture(target.db);
    const docs = api.persons.map((p) => p.document);
    const withAny = (words: string[]) =>
      idsOf(docs.filter((doc) => searchable(doc) && wordsOf(current(doc.navn)).some((w) => words.includes(w))));
    const variants: [string, string[]][] = [
      ['Hanssen', ['HANSEN', 'HANSSEN']],
      ['Nilsen', ['NILSEN', 'NIELSEN', 'NILSSEN']],
      ['Torsen', ['THORSEN', 'THORESEN']],
      ['Jakobsen', ['JAKOBSEN', 'JACOBSEN']],
      ['Carlsen', ['KARLSEN', 'CARLSEN']],
      ['Erichsen', ['ERIKSEN', 'ERICHSEN']],
      ['Christian', ['KRISTIAN', 'CHRISTIAN']],
    ];
    for (const [query, spellings] of variants) {
      const phonetic = await soek(api, { navn: query, soekFonetisk: 'true' });
      assert.ok(withAny(spellings.slice(1)).length > 0 || query === 'Torsen', `${query}: the population has the variants`);
      assert.deepEqual(phonetic, withAny(spellings), `${query} → ${spellings.join('/')}`);
      assert.deepEqual(await soek(api, { navn: query }), withAny([query.toUpperCase()]), `${query} without soekFonetisk`);
    }
    const jensen = await soek(api, { navn: 'Jensen', soekFonetisk: 'true' });
    assert.ok(jensen.length > 0);
    assert.deepEqual(jensen.filter((id) => withAny(['HANSEN']).includes(id) && !withAny(['JENSEN', 'JENSSEN']).includes(id)), []);

    // entydigsoek: soekFonetisk (any spelling of the parameter name) only affects navn.
    const hanssen = pick(api.persons, (doc) => searchable(doc) && current(doc.navn)?.etternavn === 'HANSSEN', 'HANSSEN');
    const fornavn = (current(hanssen.navn)?.fornavn as string).split(' ')[0] as string;
    const query = { navn: `${fornavn} Hansen`, foedselsdato: compact(foedselsdato(hanssen)) };
    assert.equal((await entydigsoek(api, query)).status, 404);
    const found = await entydigsoek(api, { ...query, soekfonetisk: 'true' });
    assert.equal(found.status, 200, found.body);
    assert.equal(foundId(found.json()), idOf(hanssen));
  });

  test('opplysningsgrunnlag=historisk: names before marriage and earlier addresses match too', async () => {
    const api = await fixture(target.db);
    const married = pick(
      api.persons,
      (doc) => {
        const old = doc.navn?.find((n) => n.erGjeldende === false);
        return searchable(doc) && !!old && !wordsOf(current(doc.navn)).includes(old.etternavn.split(' ')[0] as string);
      },
      'person who changed etternavn',
    );
    const old = married.navn?.find((n) => n.erGjeldende === false) as NonNullable<Doc['navn']>[number];
    const maiden = old.etternavn.split(' ')[0] as string;
    const byMaidenName = { navn: `${old.fornavn.split(' ')[0]} ${maiden}`, foedselsdato: compact(foedselsdato(married)) };
    assert.deepEqual(await soek(api, byMaidenName), []);
    assert.deepEqual(await soek(api, { ...byMaidenName, opplysningsgrunnlag: 'historisk' }), [idOf(married)]);
    assert.equal((await entydigsoek(api, byMaidenName)).status, 404);
    const found = await entydigsoek(api, { ...byMaidenName, opplysningsgrunnlag: 'historisk' });
    assert.equal(found.status, 200, found.body);
    assert.equal(foundId(found.json()), idOf(married));
    assert.deepEqual(
      found.json().navn?.map((n) => n.erGjeldende),
      [true],
      'the document is person-basis: current navn only (history needs part=historikk)',
    );

    const moved = pick(
      api.persons,
      (doc) => {
        const earlier = doc.bostedsadresse?.find((a) => a.erGjeldende === false)?.vegadresse;
        return searchable(doc) && protection(doc) === 'ugradert' && !!earlier?.adressenummer && earlier.adressenavn !== current(doc.bostedsadresse)?.vegadresse?.adressenavn;
      },
      'person who moved',
    );
    const earlier = moved.bostedsadresse?.find((a) => a.erGjeldende === false)?.vegadresse as NonNullable<NonNullable<Doc['bostedsadresse']>[number]['vegadresse']>;
    const byEarlierAddress = {
      adressenavn: earlier.adressenavn,
      husnummer: `${earlier.adressenummer?.husnummer}${earlier.adressenummer?.husbokstav ?? ''}`,
      foedselsdato: compact(foedselsdato(moved)),
    };
    assert.deepEqual(await soek(api, byEarlierAddress), []);
    assert.deepEqual(await soek(api, { ...byEarlierAddress, opplysningsgrunnlag: 'historisk' }), [idOf(moved)]);
  });

  test('inkluderDoede; maksTreff: more matches than asked for is a 400 asking to narrow the search', async () => {
    const api = await fixture(target.db);
    const dead = pick(api.persons, (doc) => isDead(doc) && current(doc.status)?.status !== 'opphoert', 'dead person');
    const navn = current(dead.navn) as NonNullable<Doc['navn']>[number];
    const byName = { navn: navn.etternavn.split(' ')[0] as string, foedselsdato: compact(foedselsdato(dead)) };
    assert.ok(!(await soek(api, byName)).includes(idOf(dead)));
    assert.ok((await soek(api, { ...byName, inkluderDoede: 'true' })).includes(idOf(dead)));
    const found = await entydigsoek(api, { navn: `${navn.fornavn} ${navn.etternavn}`, foedselsdato: byName.foedselsdato });
    assert.equal(found.status, 200, 'entydigsoek finds the dead (a dødsbo is looked up this way)');

    const women = api.persons.filter((p) => searchable(p.document) && current(p.document.kjoenn)?.kjoenn === 'kvinne');
    assert.equal((await soek(api, { kjoenn: 'kvinne', maksTreff: String(women.length) })).length, women.length);
    const tooMany = await api.call('offentligMedHjemmel', 'GET', `/personer/soek?kjoenn=kvinne&maksTreff=${women.length - 1}`);
    assert.equal(tooMany.status, 400);
    assert.deepEqual(tooMany.json(), {
      kode: 'FREG-400',
      melding: `Søket gir flere enn ${women.length - 1} treff. Avgrens søket med flere eller snevrere kriterier.`,
    });
    const audited = api.audit.at(-1);
    assert.deepEqual([audited?.action, audited?.persons], ['soek', []]);
    for (const maksTreff of ['10001', '0', 'ti', '-1']) {
      const refused = await api.call('offentligMedHjemmel', 'GET', `/personer/soek?kjoenn=kvinne&maksTreff=${maksTreff}`);
      assert.equal(refused.status, 400, maksTreff);
      assert.match(refused.json().melding, /maksTreff: et heltall fra 1 til 10000/);
    }
  });

  test('invalid values, unknown or repeated parameters and no criteria → 400 naming the parameter, never echoing the value', async () => {
    const api = await fixture(target.db);
    const cases: [string, RegExp][] = [
      ['kjoenn=annet', /kjoenn: mann eller kvinne/],
      ['foedselsdato=19991332', /foedselsdato: en dato/],
      ['foedselsdato=1999-01-01', /foedselsdato: en dato/],
      ['foedselsaarFraOgMed=99', /foedselsaarFraOgMed: et årstall/],
      ['foedselsaarFraOgMed=1990&foedselsaarTilOgMed=1980', /foedselsaarFraOgMed kan ikke være senere/],
      ['adressenavn=ab', /adressenavn: gatenavnet, eller minst 3 tegn/],
      ['adressenavn=%3Cscript%3E', /adressenavn/],
      ['husnummer=12BB', /husnummer: et husnummer/],
      ['postnummer=123', /postnummer: fire sifre/],
      ['kommunenummer=03011', /kommunenummer: fire sifre/],
      ['fylkesnummer=3', /fylkesnummer: to sifre/],
      ['navn=Ola&inkluderDoede=ja', /inkluderDoede: true eller false/],
      ['navn=Ola&soekFonetisk=1', /soekFonetisk: true eller false/],
      ['navn=Ola&inkluderOppholdsadresse=yes', /inkluderOppholdsadresse/],
      ['navn=Ola&opplysningsgrunnlag=alt', /opplysningsgrunnlag: gjeldende eller historisk/],
      ['navn=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /navn: hele ord/],
      ['navn=Ola2', /navn: hele ord/],
      ['navn=Ola&sokFonetisk=true', /Ukjent parameter «sokFonetisk»/],
      ['navn=Ola&navn=Kari', /navn kan bare oppgis én gang/],
      ['', /Oppgi minst ett søkekriterium/],
      ['inkluderDoede=true&soekFonetisk=true&navn=', /Oppgi minst ett søkekriterium/],
    ];
    for (const [query, message] of cases) {
      const response = await api.call('offentligMedHjemmel', 'GET', `/personer/soek?${query}`);
      assert.equal(response.status, 400, query);
      assert.equal(response.json().kode, 'FREG-400', query);
      assert.match(response.json().melding, message, query);
      for (const value of ['annet', '19991332', 'script', 'Ola2', '03011', '12BB', 'alt', 'ja']) {
        if (query.includes(value)) assert.ok(!response.json().melding.includes(value), `${query}: echoes ${value}`);
      }
    }
    assert.equal(api.audit.length, 0, 'refused requests search nothing and are not audited');
  });

  test('the index: catchUp indexes each person once, follows register changes and starts over after a register reset', async () => {
    const register = await openRegisterStore(target.db);
    const persons = registerPopulation();
    await register.insertPersons(persons.slice(0, 120));
    const index = await openSearchIndex(target.db);
    assert.deepEqual(await index.catchUp(), { persons: 120, sekvensnummer: 120 });
    assert.deepEqual(await index.catchUp(), { persons: 0, sekvensnummer: 120 });

    const criteria = (words: string[], historic = false) => ({
      svalbardOnly: false,
      inkluderDoede: true,
      identities: [],
      navn: { words, phonetic: false, historic, positional: undefined },
    });
    const who = pick(persons.slice(0, 120), searchable, 'living person');
    const fornavn = (current(who.navn)?.fornavn as string).split(' ')[0] as string;
    const etternavn = (current(who.navn)?.etternavn as string).split(' ')[0] as string;
    await register.applyChange(idOf(who), rename(who, 'OMDØPT'));
    // A second index on the same database (the service and the routes each open one) shares the runs.
    const sameDatabase = await openSearchIndex(target.db);
    const [first, second] = await Promise.all([index.catchUp(), sameDatabase.catchUp()]);
    assert.deepEqual([first.persons, second.persons], [1, 0], 'the change is indexed once; the second call waits for the first');
    assert.equal(second.sekvensnummer, 121);
    const idsFound = async (words: string[], historic = false) =>
      (await index.find(criteria(words, historic), 10)).map((hit) => hit.folkeregisteridentifikator);
    assert.deepEqual(await idsFound(['OMDØPT']), [idOf(who)]);
    assert.ok(!(await idsFound([fornavn, etternavn])).includes(idOf(who)), 'the old name is history');
    assert.ok((await idsFound([fornavn, etternavn], true)).includes(idOf(who)));

    // A document the schema would refuse (a navn without etternavn) is indexed as far as it goes.
    const other = pick(persons.slice(10, 120), searchable, 'living person');
    await register.applyChange(idOf(other), change(other, 'endringINavn', { navn: { ...meta('2026-11-22T10:00:00+01:00', 'Navneendring'), fornavn: 'BARE' } }));
    assert.equal((await index.catchUp()).persons, 1);
    assert.deepEqual(await idsFound(['BARE']), [idOf(other)]);

    await register.clear();
    await register.insertPersons(persons.slice(200, 230));
    assert.deepEqual(await index.catchUp(), { persons: 30, sekvensnummer: 30 });
    assert.deepEqual(await idsFound(['BARE']), []);
    assert.deepEqual(await idsFound(['OMDØPT']), [], 'rows of the old register are gone');
  });
});
