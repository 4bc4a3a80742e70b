/**
 * Every generated person document is a valid FREG document with a consistent history: one
 * current value per single-valued element, dates in order and not after the reference date,
 * graded addresses where the person is protected, and valid synthetic identity numbers that
 * match the person's birth date and sex.
 */
import { analyseIdNumber } from '@folkeport/identity';
import { Folkeregisterperson, validator } from '@folkeport/model';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bornOf, current, idOf, instant, population, statusOf, type Document } from './generator-fixture.js';

const AS_OF = instant('2024-01-01T00:00:00+01:00');

test('every document validates against the FREG model', () => {
  const check = validator(Folkeregisterperson);
  const failures = population()
    .map(({ document }) => ({ id: idOf(document), problems: check.problems(document) }))
    .filter((failure) => failure.problems.length > 0)
    .slice(0, 5);
  assert.deepEqual(failures, []);
});

test('the population contains every kind of person', () => {
  const statuses = new Set(population().map(({ document }) => statusOf(document)));
  for (const status of ['bosatt', 'doed', 'utflyttet', 'midlertidig', 'inaktiv', 'forsvunnet', 'foedselsregistrert', 'ikkeBosatt', 'opphoert']) {
    assert.ok(statuses.has(status), `no person with status ${status}`);
  }
  const has = (what: (d: Document) => boolean) => population().some(({ document }) => what(document));
  assert.ok(has((d) => current(d.adressebeskyttelse)?.graderingsnivaa === 'fortrolig'), 'fortrolig');
  assert.ok(has((d) => current(d.adressebeskyttelse)?.graderingsnivaa === 'strengtFortrolig'), 'strengtFortrolig');
  assert.ok(has((d) => current(d.bostedsadresse)?.adressegradering === 'klientadresse'), 'klientadresse');
  assert.ok(has((d) => (d.vergemaalEllerFremtidsfullmakt?.length ?? 0) > 0), 'vergemål');
  assert.ok(has((d) => d.vergemaalEllerFremtidsfullmakt?.[0]?.vergemaaltype === 'stadfestetFremtidsfullmakt'), 'fremtidsfullmakt');
  assert.ok(has((d) => (d.rettsligHandleevne?.length ?? 0) > 0), 'rettslig handleevne');
  assert.ok(has((d) => (d.deltBosted?.length ?? 0) > 0), 'delt bosted');
  assert.ok(has((d) => current(d.bostedsadresse)?.ukjentBosted !== undefined), 'ukjentBosted');
  assert.ok(has((d) => current(d.bostedsadresse)?.matrikkeladresse !== undefined), 'matrikkeladresse');
  assert.ok(has((d) => (d.identifikasjonsnummer ?? []).some((e) => e.identifikatortype === 'dNummer' && e.status === 'opphoert')), 'former D-nummer');
  assert.ok(has((d) => (d.navn?.length ?? 0) > 1), 'name change');
  assert.ok(has((d) => (d.kontaktinformasjonForDoedsbo?.length ?? 0) > 0), 'estate contact');
  assert.ok(has((d) => (d.opphold?.length ?? 0) > 0), 'residence permit');
  assert.ok(has((d) => (d.legitimasjonsdokument?.length ?? 0) > 0 && (d.utenlandskPersonidentifikasjon?.length ?? 0) > 0), 'foreign identification');
  assert.ok(has((d) => (d.sivilstand ?? []).some((s) => s.sivilstand === 'registrertPartner')), 'registered partners');
});

test('single-valued elements have exactly one current value, and history comes before it', () => {
  const violations: string[] = [];
  for (const { document } of population()) {
    const id = idOf(document);
    const dead = statusOf(document) === 'opphoert';
    const required = dead ? ['identifikasjonsnummer', 'status', 'sivilstand'] : ['identifikasjonsnummer', 'status', 'sivilstand', 'navn', 'kjoenn', 'foedsel'];
    for (const name of ['identifikasjonsnummer', 'status', 'sivilstand', 'navn', 'kjoenn', 'foedsel', 'bostedsadresse', 'adressebeskyttelse', 'oppholdsadresse', 'postadresse', 'deltBosted'] as const) {
      const elements = (document[name] ?? []) as { erGjeldende?: boolean; gyldighetstidspunkt?: string }[];
      const currents = elements.filter((e) => e.erGjeldende);
      const wanted = required.includes(name) ? 1 : Math.min(1, currents.length);
      if (currents.length !== wanted) violations.push(`${id} ${name}: ${currents.length} current values`);
      const now = currents[0]?.gyldighetstidspunkt;
      for (const old of elements.filter((e) => !e.erGjeldende)) {
        if (now && old.gyldighetstidspunkt && instant(old.gyldighetstidspunkt) > instant(now)) violations.push(`${id} ${name}: history after the current value`);
      }
    }
  }
  assert.deepEqual(violations.slice(0, 10), []);
});

/** Every metadata timestamp and event date of a document (not expiry dates such as gyldigTil or oppholdTil). */
function datesOf(document: Document): { path: string; value: string }[] {
  const dates: { path: string; value: string }[] = [];
  const skip = new Set(['gyldigTil', 'oppholdTil', 'sluttdatoForKontrakt']);
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}/${i}`));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (skip.has(key)) continue;
        if (typeof inner === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(inner)) dates.push({ path: `${path}/${key}`, value: inner });
        else visit(inner, `${path}/${key}`);
      }
    }
  };
  visit(document, '');
  return dates;
}

test('nothing is dated after the reference date, and nothing before the person was born', () => {
  const violations: string[] = [];
  for (const { document, registrert } of population()) {
    const id = idOf(document);
    const born = instant(bornOf(document) || '1800-01-01');
    if (instant(registrert) >= AS_OF) violations.push(`${id}: registrert ${registrert}`);
    for (const { path, value } of datesOf(document)) {
      if (instant(value) >= AS_OF) violations.push(`${id} ${path} = ${value} is not before 2024-01-01`);
      const factDate = path.endsWith('gyldighetstidspunkt') || path.endsWith('flyttedato') || path.endsWith('sivilstandsdato');
      if (factDate && bornOf(document) && instant(value) < born - 86_400_000) violations.push(`${id} ${path} = ${value} is before the birth ${bornOf(document)}`);
    }
  }
  assert.deepEqual(violations.slice(0, 10), []);
});

test('each fact is valid before it ceases and is registered after it starts', () => {
  const violations: string[] = [];
  for (const { document } of population()) {
    const id = idOf(document);
    for (const [name, value] of Object.entries(document)) {
      for (const element of (Array.isArray(value) ? value : [value]) as { gyldighetstidspunkt?: string; opphoerstidspunkt?: string; ajourholdstidspunkt?: string }[]) {
        const { gyldighetstidspunkt: from, opphoerstidspunkt: until, ajourholdstidspunkt: registered } = element;
        if (from && until && instant(from) > instant(until)) violations.push(`${id} ${name}: ceased ${until} before valid ${from}`);
        if (from && registered && instant(registered) < instant(from)) violations.push(`${id} ${name}: registered ${registered} before valid ${from}`);
      }
    }
  }
  assert.deepEqual(violations.slice(0, 10), []);
});

test('deaths come after births, and the dead have no current address', () => {
  const dead = population().filter(({ document }) => statusOf(document) === 'doed');
  assert.ok(dead.length > 0);
  for (const { document } of dead) {
    assert.ok(document.doedsfall?.doedsdato, `${idOf(document)} has no doedsdato`);
    assert.ok(document.doedsfall.doedsdato >= bornOf(document), `${idOf(document)} died before birth`);
    assert.equal(current(document.bostedsadresse), undefined, `${idOf(document)} still has a current address`);
    assert.ok((document.bostedsadresse ?? []).every((a) => !a.opphoerstidspunkt || a.opphoerstidspunkt.slice(0, 10) <= document.doedsfall!.doedsdato!));
  }
});

test('emigrants left their last address when they emigrated and have an utflytting', () => {
  const emigrants = population().filter(({ document }) => statusOf(document) === 'utflyttet');
  assert.ok(emigrants.length > 0);
  for (const { document } of emigrants) {
    const utflytting = current(document.utflytting);
    assert.ok(utflytting?.utflyttingsdato, `${idOf(document)} has no utflytting`);
    assert.equal(current(document.bostedsadresse), undefined);
    const last = document.bostedsadresse?.[0];
    if (last) assert.equal(last.opphoerstidspunkt?.slice(0, 10), utflytting.utflyttingsdato);
  }
});

test('addresses of protected persons are graded as the reference describes', () => {
  const violations: string[] = [];
  let fortrolig = 0;
  let strengt = 0;
  for (const { document } of population()) {
    const id = idOf(document);
    const level = current(document.adressebeskyttelse)?.graderingsnivaa;
    const addresses = [
      ...(document.bostedsadresse ?? []).map((a) => ['bostedsadresse', a.adressegradering] as const),
      ...(document.oppholdsadresse ?? []).map((a) => ['oppholdsadresse', a.adressegradering] as const),
      ...(document.deltBosted ?? []).map((a) => ['deltBosted', a.adressegradering] as const),
      ...(document.postadresseIUtlandet ?? []).map((a) => ['postadresseIUtlandet', a.adressegradering] as const),
    ];
    const post = document.postadresse ?? [];
    if (level === 'fortrolig') {
      fortrolig++;
      for (const [name, grading] of [...addresses, ...post.map((a) => ['postadresse', a.adressegradering] as const)]) {
        if (grading !== 'fortrolig') violations.push(`${id} fortrolig but ${name} graded ${grading}`);
      }
    } else if (level === 'strengtFortrolig') {
      strengt++;
      for (const [name, grading] of addresses) if (grading !== 'strengtFortrolig') violations.push(`${id} strengt fortrolig but ${name} graded ${grading}`);
      const open = current(post);
      if (!open?.postboksadresse || open.adressegradering !== 'ugradert') violations.push(`${id} strengt fortrolig without an open postboks address`);
    } else {
      const klient = (document.bostedsadresse ?? []).filter((a) => a.adressegradering === 'klientadresse');
      if (klient.some((a) => !a.erGjeldende)) violations.push(`${id} klientadresse on a historic address`);
      for (const [name, grading] of addresses) {
        if (grading !== 'ugradert' && !(name === 'bostedsadresse' && grading === 'klientadresse')) violations.push(`${id} unprotected but ${name} graded ${grading}`);
      }
    }
  }
  assert.ok(fortrolig > 0 && strengt > 0);
  assert.deepEqual(violations.slice(0, 10), []);
});

test('identity numbers are unique, synthetic, valid, and match birth date and sex', () => {
  const seen = new Set<string>();
  const violations: string[] = [];
  for (const { document } of population()) {
    const foedselsdato = current(document.foedsel)?.foedselsdato;
    const kjoenn = current(document.kjoenn)?.kjoenn;
    for (const element of document.identifikasjonsnummer ?? []) {
      const number = element.foedselsEllerDNummer;
      if (seen.has(number)) violations.push(`${number} issued twice`);
      seen.add(number);
      const analysis = analyseIdNumber(number);
      if (!analysis.valid || !analysis.synthetic || analysis.syntheticScheme !== 'tenor') violations.push(`${number} is not a valid synthetic number`);
      if (analysis.kind !== element.identifikatortype) violations.push(`${number} is a ${analysis.kind}, listed as ${element.identifikatortype}`);
      if (foedselsdato && !analysis.birthDateCandidates.includes(foedselsdato)) violations.push(`${number} does not encode ${foedselsdato}`);
      if (kjoenn && analysis.gender !== kjoenn) violations.push(`${number} is ${analysis.gender}, the person ${kjoenn}`);
    }
  }
  assert.ok(seen.size >= population().length);
  assert.deepEqual(violations.slice(0, 10), []);
});

test('a person who went from D-nummer to fødselsnummer keeps the old number as opphoert', () => {
  const switched = population().filter(({ document }) => (document.identifikasjonsnummer ?? []).length === 2);
  assert.ok(switched.length > 0);
  for (const { document } of switched) {
    const [now, before] = document.identifikasjonsnummer!;
    assert.equal(now?.identifikatortype, 'foedselsnummer');
    assert.equal(now?.status, 'iBruk');
    assert.equal(before?.identifikatortype, 'dNummer');
    assert.equal(before?.status, 'opphoert');
    assert.equal(before?.erGjeldende, false);
    assert.equal(before?.opphoerstidspunkt, now?.gyldighetstidspunkt);
  }
});
