/**
 * Compares the model with the official OpenAPI 1.5 (`freg.yaml`): for every OAS schema, the model schema
 * that stands for it must have the same properties, required flags, types, code lists and date formats,
 * except for the differences listed (with their reason) in ALLOWED.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { parse } from 'yaml';
import { SCHEMAS_BY_OPENAPI_NAME } from '../src/schemas/index.js';
import { sharedPath } from './reference.js';

interface OasSchema {
  title?: string;
  type?: string;
  format?: string;
  enum?: string[];
  required?: string[];
  properties?: Record<string, OasSchema>;
  items?: OasSchema;
  $ref?: string;
}

const oas = parse(readFileSync(sharedPath('reference', 'specs', 'freg', 'freg.yaml'), 'utf8')) as {
  components: { schemas: Record<string, OasSchema> };
};
const COMPONENTS = oas.components.schemas;

const PERSON = 'folkeregisteret.tilgjengeliggjoering.person.v1.';
const HENDELSE = 'folkeregisteret.tilgjengeliggjoering.hendelse.v1.';
const FEED = 'ske.folkeregister.rettighetspakke.hendelser.';
const UTTREKK = 'folkeregisteret.tilgjengeliggjoering.uttrekk.v1.';
const FAMILIES = [PERSON, HENDELSE, FEED, UTTREKK, 'ske.folkeregister.exception.', 'ske.folkeregister.lesemodell.'];

// ---------------------------------------------------------------------------------------------
// A common description of one property on both sides.

interface Field {
  type: string;
  format?: string;
  enum?: string[];
  items?: Field;
  /** Title of the object type a property refers to. */
  ref?: string;
}
interface Shape {
  properties: Record<string, Field>;
  required: Set<string>;
}

function oasField(schema: OasSchema): Field {
  if (schema.$ref) {
    const target = COMPONENTS[schema.$ref.replace('#/components/schemas/', '')];
    return { type: 'object', ref: target?.title };
  }
  const field: Field = { type: schema.type ?? 'unknown' };
  if (schema.format === 'date' || schema.format === 'date-time') field.format = schema.format;
  if (schema.enum) field.enum = schema.enum;
  if (schema.items) field.items = oasField(schema.items);
  return field;
}

function oasShape(schema: OasSchema): Shape {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, oasField(v)]));
  return { properties, required: new Set(schema.required) };
}

type ModelSchema = TSchema & {
  anyOf?: ModelSchema[];
  properties?: Record<string, ModelSchema>;
  required?: string[];
  items?: ModelSchema;
  enum?: string[];
  format?: string;
  title?: string;
};

function modelField(schema: ModelSchema): Field {
  if (schema.anyOf) return { type: 'object', ref: schema.title };
  const field: Field = { type: String(schema.type) };
  if (schema.type === 'object' && schema.title) field.ref = schema.title;
  if (schema.format === 'date' || schema.format === 'date-time') field.format = schema.format;
  if (schema.enum) field.enum = schema.enum;
  if (schema.items) field.items = modelField(schema.items);
  return field;
}

/** Alternatives (the event Identitetsgrunnlag) merge: all their properties, required where all require. */
function modelShape(schema: ModelSchema): Shape {
  const variants = schema.anyOf ?? [schema];
  const properties: Record<string, Field> = {};
  for (const variant of variants) {
    for (const [name, property] of Object.entries(variant.properties ?? {})) properties[name] = modelField(property);
  }
  const required = new Set(Object.keys(properties).filter((name) => variants.every((v) => v.required?.includes(name))));
  return { properties, required };
}

// ---------------------------------------------------------------------------------------------
// Differences

interface Difference {
  schema: string;
  property: string;
  what: string;
}

function fieldDifferences(model: Field, openapi: Field, at = ''): string[] {
  const found: string[] = [];
  if (model.type !== openapi.type) found.push(`${at}type: model ${model.type}, OpenAPI ${openapi.type}`);
  if (model.format !== openapi.format) {
    found.push(`${at}format: model ${model.format ?? 'none'}, OpenAPI ${openapi.format ?? 'none'}`);
  }
  if (model.ref !== openapi.ref) found.push(`${at}refers to: model ${model.ref}, OpenAPI ${openapi.ref}`);
  if (model.enum && !openapi.enum) found.push(`${at}code list in model only`);
  if (!model.enum && openapi.enum) found.push(`${at}code list in OpenAPI only`);
  if (model.enum && openapi.enum) {
    const added = model.enum.filter((code) => !openapi.enum?.includes(code));
    const missing = openapi.enum.filter((code) => !model.enum?.includes(code));
    if (added.length > 0) found.push(`${at}codes in model only: ${added.join(', ')}`);
    if (missing.length > 0) found.push(`${at}codes in OpenAPI only: ${missing.join(', ')}`);
  }
  if (model.items && openapi.items) found.push(...fieldDifferences(model.items, openapi.items, `${at}items `));
  return found;
}

function differences(name: string, model: Shape, openapi: Shape): Difference[] {
  const found: Difference[] = [];
  const names = new Set([...Object.keys(model.properties), ...Object.keys(openapi.properties)]);
  for (const property of [...names].sort()) {
    const m = model.properties[property];
    const o = openapi.properties[property];
    const add = (what: string) => found.push({ schema: name, property, what });
    if (!o) add('only in model');
    else if (!m) add('only in OpenAPI');
    else {
      fieldDifferences(m, o).forEach(add);
      if (model.required.has(property) && !openapi.required.has(property)) add('required in model only');
      if (!model.required.has(property) && openapi.required.has(property)) add('required in OpenAPI only');
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Allowed differences: post-1.5 additions and documented choices (docs/model.md).

interface Allowed {
  schemas: string[];
  property: string;
  what: string;
  reason: string;
}

const both = (title: string) => [PERSON + title, HENDELSE + title];

const ALLOWED: Allowed[] = [
  // Post-1.5 additions (model §1.1, §3.3, §5.2; consumer-api §6.5).
  {
    schemas: [PERSON + 'Folkeregisterperson'],
    property: 'rettsligHandleevne',
    what: 'only in model',
    reason: 'post-1.5 element RettsligHandleevne (since 2023-11-01)',
  },
  {
    schemas: both('VergeRepresentantEllerFullmektig'),
    property: 'navnFoedselsdato',
    what: 'only in model',
    reason: 'post-1.5 vergemål format (2023-11-01): guardian by name and birth date',
  },
  {
    schemas: both('VergeRepresentantEllerFullmektig'),
    property: 'tjenesteomraade',
    what: 'only in model',
    reason: 'post-1.5 vergemål format (2023-11-01): service areas replace omfang',
  },
  {
    schemas: [PERSON + 'Identitetsgrunnlag'],
    property: 'identitetsgrunnlagstatus',
    what: 'codes in model only: unik',
    reason: 'post-1.5 status unik (from 2027-02-01)',
  },
  {
    schemas: [HENDELSE + 'Identitetsgrunnlag'],
    property: 'legitimasjonskontroll',
    what: 'codes in model only: unik',
    reason: 'post-1.5 status unik (from 2027-02-01)',
  },
  {
    schemas: [HENDELSE + 'Hendelse'],
    property: 'hendelsestype',
    what:
      'codes in model only: personErInaktiv, endringIBostedsadresseVedKommuneregulering, ' +
      'endringIRettsligHandleevne, endringIFratattRettsligHandleevne',
    reason: 'event types listed in HFF v1.8 only (not emitted by default) and post-1.5 legal-capacity types',
  },
  {
    schemas: [HENDELSE + 'Registerdata'],
    property: 'rettsligHandleevne',
    what: 'only in model',
    reason: 'inferred: endringIRettsligHandleevne events carry the post-1.5 element',
  },
  {
    schemas: [HENDELSE + 'Registerdata'],
    property: 'entitet',
    what: 'codes in model only: rettsligHandleevne',
    reason: 'inferred: entitet of the post-1.5 element',
  },
  // Documented choices.
  {
    schemas: [HENDELSE + 'Identitetsgrunnlag'],
    property: 'identitetsgrunnlagstatus',
    what: 'only in model',
    reason: 'Q4/M3: the docs example uses identitetsgrunnlagstatus; exactly one of the two names is accepted',
  },
  {
    schemas: [HENDELSE + 'Identitetsgrunnlag'],
    property: 'legitimasjonskontroll',
    what: 'required in OpenAPI only',
    reason: 'Q4/M3: required unless identitetsgrunnlagstatus is given instead',
  },
  {
    schemas: [FEED + 'HendelseMedDokumentIdentifikatorer'],
    property: 'hendelsetype',
    what: 'code list in model only',
    reason: 'the feed carries the same event types as the event document (OAS types it as free text)',
  },
  {
    schemas: [FEED + 'LagretHendelseMedDokumentIdentifikatorer'],
    property: 'hendelse',
    what: 'required in model only',
    reason: 'every feed item has an event; consumers page by sekvensnummer',
  },
  {
    schemas: [FEED + 'LagretHendelseMedDokumentIdentifikatorer'],
    property: 'sekvensnummer',
    what: 'required in model only',
    reason: 'every feed item has an event; consumers page by sekvensnummer',
  },
  {
    schemas: [PERSON + 'bulk.request.PersonBulkoppslagRequest'],
    property: 'foedselsEllerDNummer',
    what: 'required in model only',
    reason: 'a bulk request without identifiers is rejected (400)',
  },
  {
    schemas: [PERSON + 'bulk.arkiv.request.ArkivDokumentBulkoppslagRequest', HENDELSE + 'bulk.request.HendelseBulkoppslagRequest'],
    property: 'dokumentidentifikator',
    what: 'required in model only',
    reason: 'a bulk request without identifiers is rejected (400)',
  },
  {
    schemas: [FEED + 'Sekvensnummer'],
    property: 'sekvensnummer',
    what: 'required in model only',
    reason: 'the XML body of siste/sekvensnummer always has the number',
  },
];

// ---------------------------------------------------------------------------------------------

test('every OpenAPI schema of the covered families has a model schema with the same title', () => {
  const names = Object.keys(COMPONENTS);
  assert.deepEqual(
    names.filter((name) => !FAMILIES.some((family) => name.startsWith(family))),
    [],
    'OpenAPI schemas outside the covered families',
  );
  assert.deepEqual(names.filter((name) => !SCHEMAS_BY_OPENAPI_NAME[name]), [], 'OpenAPI schemas without a model schema');
  assert.deepEqual(Object.keys(SCHEMAS_BY_OPENAPI_NAME).filter((name) => !COMPONENTS[name]), [], 'unknown OpenAPI names');
  for (const [name, schema] of Object.entries(SCHEMAS_BY_OPENAPI_NAME)) {
    assert.equal(schema.title, COMPONENTS[name]?.title, name);
    if (schema.$id !== undefined) assert.equal(schema.$id, name, `$id of ${name}`);
  }
});

test('the model differs from OpenAPI 1.5 only as allowed', (t) => {
  const found = Object.entries(SCHEMAS_BY_OPENAPI_NAME).flatMap(([name, schema]) =>
    differences(name, modelShape(schema as ModelSchema), oasShape(COMPONENTS[name] ?? {})),
  );
  const allows = (allowed: Allowed, d: Difference) =>
    allowed.schemas.includes(d.schema) && allowed.property === d.property && allowed.what === d.what;

  const unexpected = found.filter((d) => !ALLOWED.some((allowed) => allows(allowed, d)));
  assert.deepEqual(unexpected, [], 'differences that are not in the allow-list');

  const stale = ALLOWED.flatMap((allowed) =>
    allowed.schemas
      .filter((schema) => !found.some((d) => d.schema === schema && allows(allowed, d)))
      .map((schema) => `${schema} ${allowed.property}: ${allowed.what}`),
  );
  assert.deepEqual(stale, [], 'allow-list entries that no longer match a difference');

  t.diagnostic(`${found.length} allowed differences from OpenAPI 1.5:`);
  for (const d of found) {
    const reason = ALLOWED.find((allowed) => allows(allowed, d))?.reason;
    const schema = d.schema.replace(/^folkeregisteret\.tilgjengeliggjoering\.|^ske\.folkeregister\./, '');
    t.diagnostic(`  ${schema}.${d.property}: ${d.what} — ${reason}`);
  }
});
