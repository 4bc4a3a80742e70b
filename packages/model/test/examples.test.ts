/**
 * Every example document in the shared reference folder (specs/freg/examples) validates against the
 * schema for its kind. The docs examples that use pre-production names are listed with the exact problems
 * they must produce; the malformed 2020 person example must not even parse.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { VERGE_TJENESTEOMRAADER, registerdataEgenskap, vergeTjenesteomraade } from '../src/codelists.js';
import {
  DokumentForHendelse,
  Feilrespons,
  Folkeregisterperson,
  Hendelsesliste,
  PersonBulkoppslagRequest,
  PersonBulkoppslagResponse,
  TilpassetUttrekkJobbRequest,
  UttrekkDataResponse,
  UttrekkJobbResponse,
  validator,
  type Problem,
} from '../src/schemas/index.js';
import { sharedPath } from './reference.js';

const EXAMPLES = sharedPath('reference', 'specs', 'freg', 'examples');
const DOCS = 'skatteetaten-docs/';

function filesUnder(dir: string): string[] {
  return readdirSync(join(EXAMPLES, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(EXAMPLES, join(entry.parentPath, entry.name)))
    .sort();
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
}

const notInCodeList = (path: string, value: string, list: string): Problem => ({
  path,
  message: `"${value}" is not in the code list ${list}`,
});

interface Case {
  file: string;
  schema: TSchema;
  /** A docs example written before production: it must fail with exactly these problems. */
  expected?: { reason: string; problems: Problem[] };
}

const PRE_PRODUCTION_EVENT = 'pre-production event type endringIAnnenIdentifikasjon';
const PRE_PRODUCTION_ENTITY = 'pre-production entitet annenIdentifikasjon';

const CASES: Case[] = [
  ...filesUnder('altinn-register/Persons').map((file) => ({ file, schema: Folkeregisterperson })),
  ...filesUnder('altinn-register/Guardianships').map((file) => ({ file, schema: Folkeregisterperson })),
  {
    file: `${DOCS}hendelser-feed.json`,
    schema: Hendelsesliste,
    expected: {
      reason: `event 2 has the ${PRE_PRODUCTION_EVENT}`,
      problems: [notInCodeList('/1/hendelse/hendelsetype', 'endringIAnnenIdentifikasjon', 'Hendelsestype')],
    },
  },
  {
    file: `${DOCS}hendelsesdokument-endring.json`,
    schema: DokumentForHendelse,
    expected: {
      reason: `${PRE_PRODUCTION_EVENT}, ${PRE_PRODUCTION_ENTITY} and its element property`,
      problems: [
        notInCodeList('/hendelse/hendelsestype', 'endringIAnnenIdentifikasjon', 'Hendelsestype'),
        { path: '/hendelse/egenskapshendelse/0/annenIdentifikasjon', message: 'unexpected property' },
        notInCodeList('/hendelse/egenskapshendelse/0/entitet', 'annenIdentifikasjon', 'Entitetsnavn'),
      ],
    },
  },
  {
    file: `${DOCS}hendelsesdokument-korrigering.json`,
    schema: DokumentForHendelse,
    expected: {
      reason: 'obsolete field dokumentgrunnlag in identitetsgrunnlag',
      problems: [
        { path: '/hendelse/egenskapshendelse/0/identitetsgrunnlag/dokumentgrunnlag', message: 'unexpected property' },
      ],
    },
  },
  {
    file: `${DOCS}hendelsesdokument-annullering.json`,
    schema: DokumentForHendelse,
    expected: {
      reason: `${PRE_PRODUCTION_EVENT} and ${PRE_PRODUCTION_ENTITY}`,
      problems: [
        notInCodeList('/hendelse/hendelsestype', 'endringIAnnenIdentifikasjon', 'Hendelsestype'),
        notInCodeList('/hendelse/egenskapshendelse/0/entitet', 'annenIdentifikasjon', 'Entitetsnavn'),
      ],
    },
  },
  { file: `${DOCS}hendelsesdokument-korrigereHistorisk.json`, schema: DokumentForHendelse },
  { file: `${DOCS}feilmelding.json`, schema: Feilrespons },
  { file: `${DOCS}feilmelding-oppslag.json`, schema: Feilrespons },
  { file: `${DOCS}feilmelding-uttrekk.json`, schema: Feilrespons },
  { file: `${DOCS}person-dataminimering-part-status.json`, schema: Folkeregisterperson },
  { file: `${DOCS}personer-bulkoppslag-request.json`, schema: PersonBulkoppslagRequest },
  { file: `${DOCS}personer-bulkoppslag-response.json`, schema: PersonBulkoppslagResponse },
  { file: `${DOCS}personer-entydigsoek-response.json`, schema: Folkeregisterperson },
  { file: `${DOCS}uttrekk-jobb-response.json`, schema: UttrekkJobbResponse },
  { file: `${DOCS}uttrekk-batch-response-komplett.json`, schema: UttrekkDataResponse },
];

/** Example files that are not JSON documents, each covered by its own test below. */
const NOT_JSON = [`${DOCS}hendelser-feed.atom.xml`, `${DOCS}person-09052400284-eksempel.json.txt`];

const byPath = (a: Problem, b: Problem) => a.path.localeCompare(b.path);

test('every example file is covered', () => {
  const covered = [...CASES.map((c) => c.file), ...NOT_JSON].sort();
  assert.deepEqual(covered, filesUnder(''));
});

describe('examples that must validate', () => {
  for (const { file, schema } of CASES.filter((c) => !c.expected)) {
    test(`${file} is a valid ${schema.title}`, () => {
      assert.deepEqual(validator(schema).problems(readJson(file)), []);
    });
  }
});

describe('docs examples with pre-production names fail exactly for that reason', () => {
  for (const { file, schema, expected } of CASES.filter((c) => c.expected)) {
    test(`${file}: ${expected?.reason}`, () => {
      const problems = validator(schema).problems(readJson(file));
      assert.deepEqual(problems.sort(byPath), [...(expected?.problems ?? [])].sort(byPath));
    });
  }
});

test('the 2020 person example is malformed JSON in the source, on purpose', () => {
  const text = readFileSync(join(EXAMPLES, DOCS, 'person-09052400284-eksempel.json.txt'), 'utf8');
  assert.throws(() => JSON.parse(text), SyntaxError);
});

test('the Atom feed carries the same events as the JSON feed, with the same verdict', () => {
  const xml = readFileSync(join(EXAMPLES, DOCS, 'hendelser-feed.atom.xml'), 'utf8');
  const entries = [...xml.matchAll(/<ns2:lagretHendelse>([\s\S]*?)<\/ns2:lagretHendelse>/g)].map(([, content]) => {
    const field = (name: string) => new RegExp(`<ns2:${name}>([^<]*)</ns2:${name}>`).exec(content ?? '')?.[1];
    return {
      sekvensnummer: Number(field('sekvensnummer')),
      hendelse: {
        folkeregisteridentifikator: field('folkeregisteridentifikator'),
        hendelsetype: field('hendelsetype'),
        hendelsesdokument: field('hendelsesdokument'),
        persondokument: field('persondokument'),
        ajourholdstidspunkt: field('ajourholdstidspunkt'),
      },
    };
  });
  assert.deepEqual(entries, readJson(`${DOCS}hendelser-feed.json`));
  assert.deepEqual(validator(Hendelsesliste).problems(entries), [
    notInCodeList('/1/hendelse/hendelsetype', 'endringIAnnenIdentifikasjon', 'Hendelsestype'),
  ]);
});

test('Ajv (the validator behind Fastify) gives the same verdicts with one instance for all schemas', () => {
  const ajv = new Ajv({ strict: true });
  for (const format of ['date', 'date-time']) ajv.addFormat(format, FormatRegistry.Get(format) ?? (() => false));
  for (const { file, schema, expected } of CASES) {
    assert.equal(ajv.validate(schema, readJson(file)), expected === undefined, file);
  }
});

test('every vergemål service area in the examples is a known virksomhet/oppgave pair', () => {
  const pairs = CASES.flatMap(({ file }) => {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    return [...text.matchAll(/"vergeTjenestevirksomhet":\s*"(\w+)",\s*"vergeTjenesteoppgave":\s*"(\w+)"/g)];
  }).map(([, virksomhet = '', oppgave = '']) => ({ virksomhet, oppgave }));
  assert.ok(pairs.length > 50, 'the guardianship examples are found');
  assert.deepEqual(pairs.filter(({ virksomhet, oppgave }) => !vergeTjenesteomraade(virksomhet, oppgave)), []);
});

test('the service-area code list is the one in data/guardianships.yaml (virksomhet, oppgave, expired)', () => {
  const text = readFileSync(sharedPath('reference', 'specs', 'freg', 'data', 'guardianships.yaml'), 'utf8');
  const entries = parseAllDocuments(text).map((document) => {
    const entry = document.toJS() as { expired?: boolean; mapping: { npr: { virksomhet: string; oppgave: string } } };
    return { ...entry.mapping.npr, expired: entry.expired === true };
  });
  assert.deepEqual(entries, VERGE_TJENESTEOMRAADER);
});

describe('documented variants of the examples', () => {
  const korrigering = () => readJson(`${DOCS}hendelsesdokument-korrigering.json`) as {
    hendelse: { egenskapshendelse: { identitetsgrunnlag: Record<string, unknown> }[] };
  };
  const identitetsgrunnlag = (document: ReturnType<typeof korrigering>) => {
    const element = document.hendelse.egenskapshendelse[0]?.identitetsgrunnlag ?? {};
    delete element.dokumentgrunnlag;
    return element;
  };

  test('an event identitetsgrunnlag may name its status legitimasjonskontroll (OAS, XSD-H)', () => {
    const document = korrigering();
    const element = identitetsgrunnlag(document);
    element.legitimasjonskontroll = element.identitetsgrunnlagstatus;
    delete element.identitetsgrunnlagstatus;
    assert.deepEqual(validator(DokumentForHendelse).problems(document), []);
  });

  test('an event identitetsgrunnlag may not carry both status names', () => {
    const document = korrigering();
    identitetsgrunnlag(document).legitimasjonskontroll = 'kontrollert';
    assert.deepEqual(validator(DokumentForHendelse).problems(document), [
      { path: '/hendelse/egenskapshendelse/0/identitetsgrunnlag/legitimasjonskontroll', message: 'unexpected property' },
    ]);
  });

  test('entitet kontaktadresse carries its value under postadresse (quirk kept)', () => {
    const document = readJson(`${DOCS}hendelsesdokument-korrigereHistorisk.json`) as {
      hendelse: { egenskapshendelse: Record<string, unknown>[] };
    };
    const postadresse = { kilde: 'skatteetaten', adressegradering: 'ugradert', postboksadresse: { postboks: '95' } };
    document.hendelse.egenskapshendelse = [
      { [registerdataEgenskap('kontaktadresse')]: postadresse, entitet: 'kontaktadresse', entitetsendring: 'registrereNy' },
      { kontaktadresse: postadresse, entitet: 'kontaktadresse', entitetsendring: 'registrereNy' },
    ];
    assert.deepEqual(validator(DokumentForHendelse).problems(document), [
      { path: '/hendelse/egenskapshendelse/1/kontaktadresse', message: 'unexpected property' },
    ]);
  });

  test('the documented uttrekk request is valid, and it filters on one kommune kind only', () => {
    const request = { personstatustyper: ['bosatt'], kjoenn: 'kvinne', kommunenummer: { bostedskommunenummer: '0000' } };
    assert.deepEqual(validator(TilpassetUttrekkJobbRequest).problems(request), []);
    const both = { ...request, kommunenummer: { bostedskommunenummer: '0301', oppholdskommunenummer: '0301' } };
    assert.deepEqual(
      validator(TilpassetUttrekkJobbRequest).problems(both).map((p) => p.path),
      ['/kommunenummer'],
    );
  });

  test('a person document with an unknown element or a malformed identity number is rejected', () => {
    const person = readJson(`${DOCS}person-dataminimering-part-status.json`) as {
      identifikasjonsnummer: { foedselsEllerDNummer: string }[];
    } & Record<string, unknown>;
    person.fratattRettsligHandleevne = [];
    const first = person.identifikasjonsnummer[0];
    if (first) first.foedselsEllerDNummer = '0110420011';
    assert.deepEqual(
      validator(Folkeregisterperson).problems(person).map((p) => p.path),
      ['/fratattRettsligHandleevne', '/identifikasjonsnummer/0/foedselsEllerDNummer'],
    );
  });
});
