/**
 * One person's FREG document, element by element, from the chunk plan and the derived histories.
 * Elements are listed current first, then historic ones newest first, as in real responses; keys
 * follow the model's order.
 */
import {
  VERGE_TJENESTEOMRAADER,
  type Bostedsadresse,
  type DeltBosted,
  type Folkeregisterperson,
  type Folkeregisterpersonnavn,
  type Kontaktadresse,
  type KontaktinformasjonForDoedsbo,
  type Oppholdsadresse,
  type Personnavn,
  type Sivilstand,
  type Statsborgerskap,
  type VergemaalRepresentasjonEllerFremtidsfullmakt,
} from '@folkeport/model';
import { createAddressBook, type AddressBook } from './addresses.js';
import { addYears, ageAt, isoDate, parseDay, yearOf, type Day } from './calendar.js';
import { STREAM, type ChunkContext, type Place } from './chunk-context.js';
import type { PlannedPerson } from './chunk-plan.js';
import { NORDIC, alpha2, cityIn } from './countries.js';
import type { Histories } from './history.js';
import { PersonClock, withMeta, type Metadata } from './metadata.js';
import type { Random } from './random.js';
import { KOMMUNE_BY_NUMMER } from './reference.js';
import type { SharedElements } from './relations.js';

type Gradering = 'ugradert' | 'klientadresse' | 'fortrolig' | 'strengtFortrolig';

/** The new vergemål format (tjenesteomraade) went live on this day. */
const NEW_GUARDIANSHIP_FORMAT = parseDay('2023-11-01')!;
const ACTIVE_SERVICE_AREAS = VERGE_TJENESTEOMRAADER.filter((area) => !area.expired);
/** Invented values: the real code list of rettsligHandleevneomfang is not public (model §8, M2). */
const LEGAL_CAPACITY_SCOPES = ['oekonomiskeForhold', 'personligeForhold', 'oekonomiskeOgPersonligeForhold'];

/** Kommuner in the administrative area for Sami languages, with the language used there. */
const SAMI_KOMMUNER: ReadonlyMap<string, 'nordsamisk' | 'lulesamisk' | 'soersamisk'> = new Map([
  ['5610', 'nordsamisk'], ['5612', 'nordsamisk'], ['5622', 'nordsamisk'], ['5628', 'nordsamisk'],
  ['5636', 'nordsamisk'], ['5540', 'nordsamisk'], ['5518', 'nordsamisk'], ['5512', 'nordsamisk'],
  ['5524', 'nordsamisk'], ['1875', 'lulesamisk'], ['1826', 'soersamisk'], ['5043', 'soersamisk'],
  ['5041', 'soersamisk'], ['5025', 'soersamisk'],
]);

/** Statsforvalteren (the guardianship authority) by fylke, 2024. */
const EMBETE_BY_FYLKE: Readonly<Record<string, string>> = {
  '03': 'statsforvalterenIOsloOgViken', '31': 'statsforvalterenIOsloOgViken', '32': 'statsforvalterenIOsloOgViken',
  '33': 'statsforvalterenIOsloOgViken', '34': 'statsforvalterenIInnlandet', '39': 'statsforvaltarenIVestfoldOgTelemark',
  '40': 'statsforvaltarenIVestfoldOgTelemark', '42': 'statsforvalterenIAgder', '11': 'statsforvalterenIRogaland',
  '46': 'statsforvalterenIVestland', '15': 'statsforvaltarenIMoereOgRomsdal', '50': 'statsforvalterenITroendelag',
  '18': 'statsforvalterenINordland', '55': 'statsforvalterenITromsOgFinnmark', '56': 'statsforvalterenITromsOgFinnmark',
};

/** foedested of those born in Norway: the kommune's name in upper case, converted once rather than per person. */
const FOEDESTED_BY_KOMMUNE: ReadonlyMap<string, string> = new Map(
  [...KOMMUNE_BY_NUMMER].map(([nummer, kommune]) => [nummer, kommune.navn.toUpperCase()]),
);

const books = new Map<number, AddressBook>();

/** Postboks and foreign addresses only: those draws keep no state, so one book per seed serves every chunk. */
function addressBook(seed: number): AddressBook {
  let book = books.get(seed);
  if (!book) books.set(seed, (book = createAddressBook(seed)));
  return book;
}

/** Newest first, current before historic. */
function ordered<T extends { erGjeldende?: boolean; gyldighetstidspunkt?: string }>(elements: T[]): T[] {
  return elements.reverse().sort((x, y) => Number(y.erGjeldende === true) - Number(x.erGjeldende === true));
}

export interface RenderedPerson {
  document: Folkeregisterperson;
  /** Registration of the person's first identifier. */
  registrert: string;
}

export function renderDocument(ctx: ChunkContext, histories: Histories, shared: SharedElements, index: number): RenderedPerson {
  const person = ctx.person(index);
  const random = ctx.random(STREAM.person, index);
  const clock = new PersonClock(ctx.random(STREAM.clock, index), ctx.loadDay, ctx.asOf);
  const doc: Folkeregisterperson = {};
  const present = ctx.presentFrom(index);
  const bornHere = person.foedeland === 'NOR';
  const resident = person.category === 'bosatt';
  const grading: Gradering = person.protection ?? 'ugradert';
  const appears = bornHere ? 'Fødsel' : 'Innvandring';

  // Identity and status
  const identifiers = identifierElements(person, present, clock, appears);
  doc.identifikasjonsnummer = identifiers;
  doc.status = statusElements(person, present, clock);
  if (person.category === 'opphoert') {
    doc.sivilstand = [withMeta(clock.fact(person.statusFrom!, 'Opphøre person', true, { kilde: 'folkeregistermyndigheten' }), { sivilstand: 'uoppgitt' })];
    return { document: doc, registrert: identifiers[0]!.ajourholdstidspunkt! };
  }
  const foreignIds = foreignIdentification(person, random, clock);
  if (foreignIds) doc.utenlandskPersonidentifikasjon = foreignIds;
  doc.kjoenn = [withMeta(clock.fact(present, appears, true), { kjoenn: person.kjoenn })];

  // Birth
  const residences = histories.residences(index);
  const birthKommune = bornHere ? (residences[0]?.place.kommune ?? householdKommune(ctx, person) ?? person.kommune) : undefined;
  doc.foedsel = [
    withMeta(clock.fact(present, appears, true), { foedselsdato: isoDate(person.born),
      foedselsaar: String(yearOf(person.born)),
      foedested: birthPlace(person, birthKommune),
      foedekommuneINorge: birthKommune,
      foedeland: person.foedeland }),
  ];
  if (bornHere) doc.foedselINorge = [withMeta(clock.fact(person.born, 'Fødsel', true), { rekkefoelgenummer: birthOrder(ctx, index) })];

  const relations = shared.familierelasjon[index]!;
  if (relations.length > 0) doc.familierelasjon = ordered([...relations]);
  doc.sivilstand = civilElements(ctx, histories, index, clock, residences);
  if (person.died !== undefined) doc.doedsfall = withMeta(clock.fact(person.died, 'Dødsfall', true), { doedsdato: isoDate(person.died) });
  doc.navn = nameElements(ctx, index, present, clock);
  if (person.protection) {
    const since = residences[residences.length - 1]?.from ?? present;
    doc.adressebeskyttelse = [withMeta(clock.fact(since, 'Adressebeskyttelse', true), { graderingsnivaa: person.protection })];
  }

  // Addresses in Norway
  const klient = resident && !person.protection && random.chance(ctx.plan.rates.klientadresse);
  if (residences.length > 0) doc.bostedsadresse = residenceElements(residences, clock, grading, klient);
  if (person.arrived !== undefined) {
    doc.innflytting = [
      withMeta(clock.fact(person.arrived, 'Innvandring', true), { fraflyttingsland: person.arrivedFrom ?? person.foedeland,
        fraflyttingsstedIUtlandet: cityIn(person.arrivedFrom ?? '') }),
    ];
  }
  const opphold = stayElement(ctx, index, person, random, clock, grading);
  if (opphold) doc.oppholdsadresse = [opphold];
  const post = postElement(ctx, index, person, random, clock, grading, residences.length === 0 || !residences[residences.length - 1]?.place.home);
  if (post) doc.postadresse = [post];
  if (person.emigrated !== undefined) {
    const current = person.category === 'utflyttet';
    const to = person.emigratedTo ?? 'XUK';
    doc.utflytting = [
      withMeta(clock.fact(person.emigrated, 'Utflytting', current), { tilflyttingsland: to,
        tilflyttingsstedIUtlandet: cityIn(to),
        utflyttingsdato: isoDate(person.emigrated) }),
    ];
  }
  const abroad = foreignPostElement(ctx, person, random, clock, grading);
  if (abroad) doc.postadresseIUtlandet = [abroad];
  const custody = shared.foreldreansvar[index]!;
  if (custody.length > 0) doc.foreldreansvar = ordered([...custody]);

  // Citizenship and residence permit
  doc.statsborgerskap = citizenshipElements(person, present, clock, appears);
  const permit = residencePermit(ctx, person, random, clock, present);
  if (permit) doc.opphold = [permit];

  const guardianship = resident ? guardianshipElement(ctx, index, random, clock) : undefined;
  if (guardianship) doc.vergemaalEllerFremtidsfullmakt = [guardianship.element];
  if (!bornHere || person.category === 'dNummer') {
    const status = random.next() < 0.7 ? 'kontrollert' : random.chance(0.67) ? 'ikkeKontrollert' : 'ingenStatus';
    const from = person.dNummerFrom ?? present;
    doc.identitetsgrunnlag = [withMeta(clock.fact(from, person.category === 'dNummer' ? 'Tildele d-nummer' : 'Innvandring', true), { identitetsgrunnlagstatus: status })];
  }
  if (person.died !== undefined) {
    const estate = estateContact(ctx, index, random, clock);
    if (estate) doc.kontaktinformasjonForDoedsbo = [estate];
  }
  const passport = passportElement(ctx, person, random, clock);
  if (passport) doc.legitimasjonsdokument = [passport];
  if (person.deltBosted !== undefined) {
    const shared = sharedResidence(ctx, person, random, clock, grading);
    if (shared) doc.deltBosted = [shared];
  }
  const sami = samiLanguage(ctx, person, random, clock, present);
  if (sami) doc.brukAvSamiskSpraak = [sami];
  if (guardianship?.restricted && ctx.asOf > NEW_GUARDIANSHIP_FORMAT) {
    doc.rettsligHandleevne = [
      withMeta(clock.fact(guardianship.from, 'Vergemål', true, { recorded: NEW_GUARDIANSHIP_FORMAT }), { rettsligHandleevneomfang: random.pick(LEGAL_CAPACITY_SCOPES) }),
    ];
  }
  return { document: doc, registrert: identifiers[identifiers.length - 1]!.ajourholdstidspunkt! };
}

function householdKommune(ctx: ChunkContext, person: PlannedPerson): string | undefined {
  return person.household >= 0 ? ctx.plan.households[person.household]!.kommunenummer : undefined;
}

function birthPlace(person: PlannedPerson, birthKommune: string | undefined): string | undefined {
  if (person.foedeland !== 'NOR') return cityIn(person.foedeland);
  return birthKommune === undefined ? undefined : FOEDESTED_BY_KOMMUNE.get(birthKommune);
}

/** 11 for a single birth; for twins 21 and 22 (number of children, then the order). */
function birthOrder(ctx: ChunkContext, index: number): number {
  const person = ctx.person(index);
  const mother = ctx.parentsOf[index]!.find((r) => r.role === 'mor');
  if (!mother) return 11;
  const twins = ctx.childrenOf[mother.parent]!.map((r) => r.child).filter((c) => ctx.person(c).born === person.born);
  return twins.length > 1 ? 10 * twins.length + 1 + twins.indexOf(index) : 11;
}

function identifierElements(person: PlannedPerson, present: Day, clock: PersonClock, appears: string): Required<Folkeregisterperson>['identifikasjonsnummer'] {
  if (person.category === 'opphoert') {
    return [withMeta(clock.fact(person.statusFrom!, 'Opphøre person', true, { kilde: 'KILDE_DSF' }), { status: 'opphoert', foedselsEllerDNummer: person.id, identifikatortype: 'foedselsnummer' })];
  }
  if (person.category === 'dNummer') {
    return [withMeta(clock.fact(person.dNummerFrom!, 'Tildele d-nummer', true, { kilde: 'skatteetaten' }), { status: 'iBruk', foedselsEllerDNummer: person.id, identifikatortype: 'dNummer' })];
  }
  const from = person.category === 'ikkeBosatt' ? person.statusFrom! : present;
  const aarsak = person.category === 'ikkeBosatt' ? 'Uregistrert person' : appears;
  const current = withMeta(clock.fact(from, aarsak, true), { status: 'iBruk' as const, foedselsEllerDNummer: person.id, identifikatortype: 'foedselsnummer' as const });
  if (person.formerDNummer === undefined || person.dNummerFrom === undefined) return [current];
  const former = withMeta(clock.fact(person.dNummerFrom, 'Tildele d-nummer', false, { ceased: from, kilde: 'skatteetaten' }), { status: 'opphoert' as const,
    foedselsEllerDNummer: person.formerDNummer,
    identifikatortype: 'dNummer' as const });
  return [current, former];
}

function statusElements(person: PlannedPerson, present: Day, clock: PersonClock): Required<Folkeregisterperson>['status'] {
  type Step = [Day, Required<Folkeregisterperson>['status'][number]['status'], string, string?];
  const steps: Step[] = [];
  const since = person.dNummerFrom !== undefined && person.dNummerFrom < present ? person.dNummerFrom : undefined;
  switch (person.category) {
    case 'dNummer':
      steps.push([person.dNummerFrom!, 'midlertidig', 'Tildele d-nummer', 'skatteetaten']);
      if (person.statusFrom !== undefined) steps.push([person.statusFrom, 'inaktiv', 'Person med d-nummer', 'folkeregisteret']);
      break;
    case 'foedselsregistrert':
      steps.push([person.born, 'foedselsregistrert', 'Fødsel']);
      break;
    case 'ikkeBosatt':
      steps.push([person.statusFrom!, 'ikkeBosatt', 'Uregistrert person']);
      break;
    case 'opphoert':
      steps.push([person.statusFrom!, 'opphoert', 'Opphøre person', 'folkeregistermyndigheten']);
      break;
    default: {
      if (since !== undefined) steps.push([since, 'midlertidig', 'Tildele d-nummer', 'skatteetaten']);
      const bornHere = person.foedeland === 'NOR';
      steps.push([present, 'bosatt', bornHere ? 'Fødsel' : 'Innvandring']);
      if (person.category === 'bosatt' && person.emigrated !== undefined && person.arrived !== undefined && person.emigrated < person.arrived) {
        steps.push([person.emigrated, 'utflyttet', 'Utflytting'], [person.arrived, 'bosatt', 'Innvandring']);
      }
      if (person.category === 'doed') steps.push([person.died!, 'doed', 'Dødsfall']);
      if (person.category === 'utflyttet') steps.push([person.emigrated!, 'utflyttet', 'Utflytting']);
      if (person.category === 'forsvunnet') steps.push([person.statusFrom!, 'forsvunnet', 'Forsvunnet']);
    }
  }
  return steps
    .map(([from, status, aarsak, kilde], k) => (withMeta(clock.fact(from, aarsak, k === steps.length - 1, kilde ? { kilde } : undefined), { status })))
    .reverse();
}

function foreignIdentification(person: PlannedPerson, random: Random, clock: PersonClock): Folkeregisterperson['utenlandskPersonidentifikasjon'] {
  const foreignCitizen = person.citizenship !== 'NOR' && person.naturalised === undefined;
  const chance = person.category === 'dNummer' ? 0.7 : person.foedeland !== 'NOR' && foreignCitizen ? 0.4 : 0;
  if (!random.chance(chance)) return undefined;
  const from = person.dNummerFrom ?? person.arrived ?? person.born;
  let number = String(1 + random.int(9));
  for (let i = 0; i < 9; i++) number += String(random.int(10));
  const aarsak = person.category === 'dNummer' ? 'besluttetTildelingAvDNummer' : 'Innvandring';
  return [
    withMeta(clock.fact(from, aarsak, true), { identifikasjonsnummer: number,
      identifikasjonsnummertype: random.pick(['utenlandskIdentifikasjonsnummer', 'taxIdentificationNumber', 'socialSecurityNumber']),
      utstederland: person.citizenship === 'XXX' ? 'XUK' : person.citizenship }),
  ];
}

function civilElements(ctx: ChunkContext, histories: Histories, index: number, clock: PersonClock, residences: { from: Day; place: Place }[]): Sivilstand[] {
  const person = ctx.person(index);
  const events = histories.civilEvents(index).filter((event) => event.day <= (person.died ?? Infinity));
  const elements = events.map((event, k): Sivilstand => {
    const element: Sivilstand = withMeta(clock.fact(event.day, event.aarsak, k === events.length - 1), { sivilstand: event.sivilstand,
      sivilstandsdato: isoDate(event.day) });
    if (event.sivilstand === 'gift' || event.sivilstand === 'registrertPartner') {
      const abroad = weddedAbroad(ctx, event.union ? [event.union.a, event.union.b] : [index], event.day);
      if (abroad) element.utland = abroad;
      else {
        // Both spouses' elements must agree, so the authority is drawn from the union's stream.
        const key = event.union ? ctx.unionIndex.get(event.union)! : ctx.plan.persons.length + index;
        const byChurch = ctx.random(STREAM.union, 5_000_000 + key).chance(0.3);
        element.myndighet = byChurch ? 'DEN_NORSKE_KIRKE' : 'ANSATT_I_KOMMUNE';
        const kommune = placeOn(event.union ? unionResidences(ctx, histories, event.union) : residences, event.day);
        if (kommune) element.kommune = kommune;
      }
    } else if (event.sivilstand !== 'ugift' && event.sivilstand !== 'uoppgitt' && event.aarsak !== 'Dødsfall') {
      element.myndighet = 'STATSFORVALTEREN';
    }
    if (event.partner !== undefined) element.relatertVedSivilstand = ctx.person(event.partner).id;
    return element;
  });
  return elements.reverse();
}

/** The country of a wedding before one of the couple immigrated (undefined for a wedding in Norway). */
function weddedAbroad(ctx: ChunkContext, couple: number[], day: Day): string | undefined {
  for (const index of couple) {
    const person = ctx.person(index);
    if (person.foedeland !== 'NOR' && person.arrived !== undefined && day < person.arrived) return person.arrivedFrom ?? person.foedeland;
  }
  return undefined;
}

/** The woman's residences (the first partner's), so both spouses name the same kommune. */
function unionResidences(ctx: ChunkContext, histories: Histories, union: { a: number }): { from: Day; place: Place }[] {
  return histories.residences(union.a);
}

function placeOn(residences: { from: Day; place: Place }[], day: Day): string | undefined {
  let kommune: string | undefined;
  for (const residence of residences) if (residence.from <= day) kommune = residence.place.kommune;
  return kommune ?? residences[0]?.place.kommune;
}

/** `ETTERNAVN FORNAVN MELLOMNAVN`, shortened to 40 characters by initials where needed. */
function shortName(name: Personnavn): string {
  const full = [name.etternavn, name.fornavn, name.mellomnavn].filter(Boolean).join(' ');
  if (full.length <= 40) return full;
  const initials = (part: string) => part.split(/[ -]/).map((word) => `${word.charAt(0)}.`).join(' ');
  const withMiddle = [name.etternavn, name.fornavn, name.mellomnavn ? initials(name.mellomnavn) : undefined].filter(Boolean).join(' ');
  if (withMiddle.length <= 40) return withMiddle;
  const short = [name.etternavn, initials(name.fornavn), name.mellomnavn ? initials(name.mellomnavn) : undefined].filter(Boolean).join(' ');
  return short.slice(0, 40).trimEnd();
}

function nameElement(name: Personnavn, meta: Metadata): Folkeregisterpersonnavn {
  return withMeta(meta, { fornavn: name.fornavn, mellomnavn: name.mellomnavn, etternavn: name.etternavn, forkortetNavn: shortName(name) });
}

function nameElements(ctx: ChunkContext, index: number, present: Day, clock: PersonClock): Folkeregisterpersonnavn[] {
  const names = ctx.namesOf(index);
  const person = ctx.person(index);
  const married = names.married && names.married.from > present && names.married.from <= (person.died ?? Infinity) ? names.married : undefined;
  const first = nameElement(married || !names.married ? names.birth : names.married.name, clock.fact(present, person.foedeland === 'NOR' ? 'Første gangs navnevalg' : 'Innvandring', !married));
  if (!married) return [first];
  return [nameElement(married.name, clock.fact(married.from, 'Navn', true)), first];
}

/** Adds the address fields of a place (in schema order) to an element's metadata. */
function addPlace(meta: Metadata, place: Place): Metadata & Pick<Bostedsadresse, 'ukjentBosted' | 'vegadresse' | 'matrikkeladresse' | 'adresseIdentifikatorFraMatrikkelen'> {
  const home = place.home;
  if (!home) return withMeta(meta, { ukjentBosted: { bostedskommune: place.kommune } });
  return withMeta(meta, {
    vegadresse: home.vegadresse,
    matrikkeladresse: home.matrikkeladresse,
    adresseIdentifikatorFraMatrikkelen: home.adresseIdentifikatorFraMatrikkelen,
  });
}

function residenceElements(
  residences: { from: Day; place: Place; aarsak: string; ceased?: Day }[],
  clock: PersonClock,
  grading: Gradering,
  klient: boolean,
): Bostedsadresse[] {
  const last = residences.length - 1;
  return residences
    .map((residence, k): Bostedsadresse => {
      const current = k === last && residence.ceased === undefined;
      const home = residence.place.home;
      const meta = clock.fact(residence.from, residence.aarsak, current, residence.ceased === undefined ? undefined : { ceased: residence.ceased });
      const element: Bostedsadresse = withMeta(addPlace(meta, residence.place), {
        adressegradering: current && klient && home ? 'klientadresse' : grading,
        flyttedato: isoDate(residence.from),
      });
      if (home) {
        element.grunnkrets = home.grunnkrets;
        element.stemmekrets = home.stemmekrets;
        element.skolekrets = home.skolekrets;
        element.kirkekrets = home.kirkekrets;
      }
      return element;
    })
    .reverse();
}

/** Where a D-nummer holder stays in Norway, or a resident's second address (commuters, students). */
function stayElement(ctx: ChunkContext, index: number, person: PlannedPerson, random: Random, clock: PersonClock, grading: Gradering): Oppholdsadresse | undefined {
  const isHolder = person.category === 'dNummer';
  const adult = ageAt(person.born, ctx.asOf) >= 18;
  if (!(isHolder ? random.chance(0.55) : person.category === 'bosatt' && adult && random.chance(0.008))) return undefined;
  const place = ctx.elsewhere(random, isHolder ? person.kommune : undefined, person.household);
  if (!place.home) return undefined;
  const earliest = isHolder ? person.dNummerFrom! : Math.max(ctx.presentFrom(index), addYears(person.born, 18));
  const from = isHolder ? Math.min(earliest + random.int(60), ctx.asOf - 1) : Math.max(earliest, ctx.asOf - 1 - random.int(5 * 365));
  const { vegadresse, matrikkeladresse, adresseIdentifikatorFraMatrikkelen } = place.home;
  return withMeta(clock.fact(from, isHolder ? 'Tildele d-nummer' : 'Flytting innenlands', true), {
    vegadresse,
    matrikkeladresse,
    adresseIdentifikatorFraMatrikkelen,
    adressegradering: grading,
    oppholdsadressedato: isoDate(from),
    oppholdAnnetSted: !isHolder && random.chance(0.3) ? ('pendler' as const) : undefined,
  });
}

/**
 * A postal address: for a strengt fortrolig person the open box address the authorities manage
 * (at Skatteetaten in Bodø), for residents without a known home a box in their kommune, and for a
 * few others a box of their own.
 */
function postElement(ctx: ChunkContext, index: number, person: PlannedPerson, random: Random, clock: PersonClock, grading: Gradering, homeless: boolean): Kontaktadresse | undefined {
  const book = addressBook(ctx.seed);
  const from = Math.max(ctx.presentFrom(index), ctx.asOf - 1 - random.int(6 * 365));
  if (person.protection === 'strengtFortrolig') {
    const box = book.postboks(random, KOMMUNE_BY_NUMMER.has('1804') ? '1804' : '0301');
    const postboksadresse = { postbokseier: 'SKATTEETATEN', postboks: box.postboks, poststed: box.poststed };
    return withMeta(clock.fact(from, 'Adressebeskyttelse', true), { adressegradering: 'ugradert' as const, postboksadresse });
  }
  const kommune = householdKommune(ctx, person);
  if (person.category !== 'bosatt' || kommune === undefined) return undefined;
  if (!(homeless ? random.chance(0.8) : random.chance(0.02))) return undefined;
  const postboksadresse = book.postboks(random, kommune);
  return withMeta(clock.fact(from, 'Postadresse', true), { adressegradering: grading, postboksadresse });
}

const FOREIGN_POST_CHANCE: Readonly<Record<string, number>> = { utflyttet: 0.85, dNummer: 0.85, ikkeBosatt: 0.9, foedselsregistrert: 0.5 };

/** A postal address abroad for emigrants, D-nummer holders, non-resident citizens and some birth-registered children. */
function foreignPostElement(ctx: ChunkContext, person: PlannedPerson, random: Random, clock: PersonClock, grading: Gradering): Folkeregisterperson['postadresseIUtlandet'] extends (infer T)[] | undefined ? T | undefined : never {
  const chance = FOREIGN_POST_CHANCE[person.category] ?? 0;
  if (!random.chance(chance)) return undefined;
  const country = person.category === 'utflyttet' ? person.emigratedTo! : person.category === 'ikkeBosatt' ? person.foedeland : person.citizenship;
  const from = person.emigrated ?? person.dNummerFrom ?? person.statusFrom ?? person.born;
  const utenlandskAdresse = addressBook(ctx.seed).foreign(random, alpha2(country));
  const aarsak = person.category === 'utflyttet' ? 'Utflytting' : person.category === 'dNummer' ? 'Tildele d-nummer' : 'Postadresse';
  return withMeta(clock.fact(from, aarsak, true), { adressegradering: grading, utenlandskAdresse });
}

function citizenshipElements(person: PlannedPerson, present: Day, clock: PersonClock, appears: string): Statsborgerskap[] {
  const naturalised = person.naturalised !== undefined && person.naturalised <= (person.died ?? Infinity) ? person.naturalised : undefined;
  const keeps = naturalised === undefined || person.keepsCitizenship === true;
  const first: Statsborgerskap = withMeta(clock.fact(present, appears, keeps, keeps ? undefined : { ceased: naturalised! }), { statsborgerskap: person.citizenship,
    ervervsdato: isoDate(person.born) });
  if (naturalised === undefined) return [first];
  const norwegian: Statsborgerskap = withMeta(clock.fact(naturalised, 'Statsborgerskap', true), { statsborgerskap: 'NOR', ervervsdato: isoDate(naturalised) });
  return [norwegian, first];
}

/** Residence permits of residents with only a non-Nordic foreign citizenship. */
function residencePermit(ctx: ChunkContext, person: PlannedPerson, random: Random, clock: PersonClock, present: Day): Required<Folkeregisterperson>['opphold'][number] | undefined {
  if (person.category !== 'bosatt' || person.citizenship === 'NOR' || NORDIC.has(person.citizenship)) return undefined;
  if (person.naturalised !== undefined) return undefined;
  const permanent = present <= ctx.asOf - 3 * 365;
  return withMeta(clock.fact(present, person.foedeland === 'NOR' ? 'Fødsel' : 'Innvandring', true), {
    oppholdstillatelse: permanent ? ('permanent' as const) : ('midlertidig' as const),
    oppholdFra: isoDate(present),
    oppholdTil: permanent ? undefined : isoDate(addYears(present, random.between(1, 3))),
  });
}

/**
 * Guardianship for some adults (most often the very old), with a spouse, a grown-up child or
 * another adult of the chunk (a professional guardian) as verge; a confirmed lasting power of
 * attorney (fremtidsfullmakt) for some older persons. Current guardianships are in the format
 * introduced on 2023-11-01 (service areas), older reference dates get the legacy format.
 */
function guardianshipElement(
  ctx: ChunkContext,
  index: number,
  random: Random,
  clock: PersonClock,
): { element: VergemaalRepresentasjonEllerFremtidsfullmakt; from: Day; restricted: boolean } | undefined {
  const person = ctx.person(index);
  const age = ageAt(person.born, ctx.asOf);
  if (age < 18) return undefined;
  const rates = ctx.plan.rates;
  const ageFactor = age >= 80 ? 3.5 : age >= 67 ? 1.2 : age >= 30 ? 0.6 : 1.2;
  const draw = random.next();
  const fullmakt = age >= 65 && draw < rates.fremtidsfullmakt * 3;
  if (!fullmakt && draw >= rates.fremtidsfullmakt * 3 + rates.vergemaal * ageFactor) return undefined;
  const verge = chooseVerge(ctx, index, random, fullmakt);
  if (verge < 0) return undefined;
  const adult = Math.max(addYears(person.born, 18), ctx.presentFrom(index), addYears(ctx.person(verge).born, 18));
  const from = Math.max(adult, ctx.asOf - 1 - Math.floor(-Math.log(1 - random.next()) * 4 * 365));
  const kommune = householdKommune(ctx, person);
  const fylke = kommune ? KOMMUNE_BY_NUMMER.get(kommune)?.fylkesnummer : undefined;
  const embete = EMBETE_BY_FYLKE[fylke ?? '03'] ?? 'statsforvalterenIOsloOgViken';
  const vergemaaltype = fullmakt ? 'stadfestetFremtidsfullmakt' : 'voksen';
  const id = ctx.person(verge).id;
  const newFormat = ctx.asOf > NEW_GUARDIANSHIP_FORMAT;
  const element: VergemaalRepresentasjonEllerFremtidsfullmakt = newFormat
    ? withMeta(clock.fact(from, 'Vergemål', true, { recorded: NEW_GUARDIANSHIP_FORMAT }), { vergemaaltype,
        embete,
        verge: { foedselsEllerDNummer: id, tjenesteomraade: serviceAreas(random) } })
    : withMeta(clock.fact(from, 'Vergemål', true, { kilde: 'Statens Sivilrettsforvaltning' }), { vergemaaltype,
        embete,
        verge: { foedselsEllerDNummer: id, omfang: 'personligeOgOekonomiskeInteresser', omfangetErInnenPersonligOmraade: true } });
  const restricted = !fullmakt && random.chance(Math.min(1, rates.rettsligHandleevne / Math.max(rates.vergemaal, 1e-9)));
  return { element, from, restricted };
}

function chooseVerge(ctx: ChunkContext, index: number, random: Random, fullmakt: boolean): number {
  const adultResident = (i: number) => i !== index && ctx.person(i).category === 'bosatt' && ageAt(ctx.person(i).born, ctx.asOf) >= 18;
  const family = [
    ...ctx.unionsOf[index]!.filter((u) => u.separated === undefined).map((u) => ctx.partner(u, index)),
    ...ctx.childrenOf[index]!.map((r) => r.child),
  ].filter(adultResident);
  if (family.length > 0 && (fullmakt || random.chance(0.6))) return random.pick(family);
  const candidates: number[] = [];
  for (let tries = 0; tries < 20 && candidates.length === 0; tries++) {
    const candidate = random.int(ctx.plan.persons.length);
    if (adultResident(candidate)) candidates.push(candidate);
  }
  return candidates[0] ?? (family.length > 0 ? random.pick(family) : -1);
}

function serviceAreas(random: Random): { vergeTjenestevirksomhet: (typeof ACTIVE_SERVICE_AREAS)[number]['virksomhet']; vergeTjenesteoppgave: (typeof ACTIVE_SERVICE_AREAS)[number]['oppgave'] }[] {
  const count = random.between(3, 15);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(random.int(ACTIVE_SERVICE_AREAS.length));
  return [...chosen].sort((a, b) => a - b).map((k) => {
    const area = ACTIVE_SERVICE_AREAS[k]!;
    return { vergeTjenestevirksomhet: area.virksomhet, vergeTjenesteoppgave: area.oppgave };
  });
}

/**
 * Who settles a deceased person's estate: the widow or widower, a grown-up child, or a lawyer;
 * registered when the probate certificate was issued (2–8 weeks after the death).
 */
function estateContact(ctx: ChunkContext, index: number, random: Random, clock: PersonClock): KontaktinformasjonForDoedsbo | undefined {
  const person = ctx.person(index);
  const issued = person.died! + random.between(14, 60);
  if (issued >= ctx.asOf) return undefined;
  const living = (i: number) => ctx.person(i).category === 'bosatt' && ageAt(ctx.person(i).born, issued) >= 18;
  const relatives = [...ctx.unionsOf[index]!.map((u) => ctx.partner(u, index)), ...ctx.childrenOf[index]!.map((r) => r.child)].filter(living);
  const meta = clock.fact(issued, 'Dødsfall', true);
  const skifteform = random.chance(0.85) ? ('annet' as const) : ('offentlig' as const);
  const attestutstedelsesdato = isoDate(issued);
  if (relatives.length > 0) {
    const contact = relatives[0]!;
    const home = homeOf(ctx, contact) ?? ctx.elsewhere(random, person.kommune).home;
    const name = ctx.nameOn(contact, issued);
    const contactPerson = { personnavn: name, foedselsEllerDNummer: ctx.person(contact).id };
    return withMeta(meta, { person: contactPerson, skifteform, attestutstedelsesdato, adresse: estateAddress(home) });
  }
  const lawyer = ctx.nameOn(ctx.plan.persons.length > 1 ? (index + 1) % ctx.plan.persons.length : index, issued);
  const home = ctx.elsewhere(random, person.kommune).home;
  return withMeta(meta, {
    advokat: { personnavn: lawyer, organisasjonsnavn: `ADVOKATFIRMAET ${lawyer.etternavn} AS`.slice(0, 175) },
    skifteform,
    attestutstedelsesdato,
    adresse: estateAddress(home),
  });
}

function homeOf(ctx: ChunkContext, index: number) {
  const person = ctx.person(index);
  return person.household >= 0 ? ctx.plan.households[person.household]!.home : undefined;
}

function estateAddress(home: Place['home']): KontaktinformasjonForDoedsbo['adresse'] {
  const vei = home?.vegadresse;
  const poststed = vei?.poststed ?? home?.matrikkeladresse?.poststed;
  const line = vei
    ? `${vei.adressenavn} ${vei.adressenummer?.husnummer ?? ''}${vei.adressenummer?.husbokstav ?? ''}`.trim()
    : `Gnr. ${home?.matrikkeladresse?.matrikkelnummer.gaardsnummer ?? 1} bnr. ${home?.matrikkeladresse?.matrikkelnummer.bruksnummer ?? 1}`;
  return { adresselinje: [line], postnummer: poststed?.postnummer ?? '0001', poststedsnavn: poststed?.poststedsnavn ?? 'OSLO', landkode: 'NOR' };
}

/** A passport for D-nummer holders and some recently arrived foreign citizens. */
function passportElement(ctx: ChunkContext, person: PlannedPerson, random: Random, clock: PersonClock): Required<Folkeregisterperson>['legitimasjonsdokument'][number] | undefined {
  const foreign = person.citizenship !== 'NOR' && person.naturalised === undefined && person.citizenship !== 'XXX';
  const recent = person.arrived !== undefined && person.arrived >= ctx.loadDay && person.foedeland !== 'NOR';
  if (!foreign || !(person.category === 'dNummer' ? random.chance(0.8) : recent && random.chance(0.5))) return undefined;
  const from = person.dNummerFrom ?? person.arrived!;
  const issued = Math.min(from, Math.max(person.born, from - random.int(4 * 365)));
  let number = '';
  for (let i = 0; i < 2; i++) number += String.fromCharCode(65 + random.int(26));
  for (let i = 0; i < 7; i++) number += String(random.int(10));
  return withMeta(clock.fact(from, person.category === 'dNummer' ? 'Tildele d-nummer' : 'Innvandring', true), { identifikasjonsdokumentnummer: number,
    identifikasjonsdokumenttype: 'pass',
    utstederland: person.citizenship,
    gyldigFra: isoDate(issued),
    gyldigTil: isoDate(addYears(issued, 10)) });
}

/** The child's second home: the other parent's, from shortly after the parents split up. */
function sharedResidence(ctx: ChunkContext, person: PlannedPerson, random: Random, clock: PersonClock, grading: Gradering): DeltBosted | undefined {
  const household = ctx.plan.households[person.deltBosted!]!;
  const place = ctx.householdPlace(person.deltBosted!);
  const start = Math.min(Math.max(household.movedIn, person.born) + random.int(90), ctx.asOf - 1);
  const home = place.home;
  return withMeta(clock.fact(start, 'Delt bosted', true), {
    vegadresse: home?.vegadresse,
    matrikkeladresse: home?.matrikkeladresse,
    ukjentBosted: home ? undefined : { bostedskommune: place.kommune },
    startdatoForKontrakt: isoDate(start),
    adresseIdentifikatorFraMatrikkelen: home?.adresseIdentifikatorFraMatrikkelen,
    adressegradering: grading,
  });
}

function samiLanguage(ctx: ChunkContext, person: PlannedPerson, random: Random, clock: PersonClock, present: Day) {
  if (person.category !== 'bosatt') return undefined;
  const kommune = householdKommune(ctx, person);
  const local = kommune === undefined ? undefined : SAMI_KOMMUNER.get(kommune);
  if (!random.chance(local ? 0.25 : 0.0005)) return undefined;
  return withMeta(clock.fact(Math.max(present, ctx.loadDay), 'Samisk språk', true), { spraak: [local ?? 'nordsamisk'] });
}
