import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { idOf, population } from './generator-fixture.js';

const SHARED = process.env.FOLKEPORT_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const PERSON = 'folkeregisteret.tilgjengeliggjoering.person.v1.Folkeregisterperson';

test('every generated document validates against the official OpenAPI 1.5 schema of Folkeregisterperson', () => {
  const openapi = parse(readFileSync(`${SHARED}reference/specs/freg/freg.yaml`, 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  // OpenAPI 3.0 schema objects are JSON Schema with extra keywords (example, nullable): let Ajv ignore those,
  // and check formats by pattern only where the OpenAPI gives one.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'freg.yaml', components: openapi.components });
  const validate = ajv.getSchema(`freg.yaml#/components/schemas/${PERSON}`);
  assert.ok(validate, 'the OpenAPI file defines Folkeregisterperson');

  // The official schema closes no object, so post-1.5 elements (rettsligHandleevne, the new vergemål fields)
  // pass unjudged; everything it does define — required fields, types, enums — is checked.
  const persons = population();
  const failures = persons
    .map(({ document }) => (validate(document) ? undefined : { id: idOf(document), errors: validate.errors?.slice(0, 3) }))
    .filter((failure) => failure !== undefined)
    .slice(0, 3);
  assert.deepEqual(failures, []);
  assert.ok(persons.length > 4000, `validated ${persons.length} documents`);

  // The check can fail: a code outside the OpenAPI enum is caught.
  const [first] = persons;
  assert.ok(first?.document.kjoenn?.[0]);
  const broken = structuredClone(first.document);
  (broken.kjoenn as { kjoenn: string }[])[0]!.kjoenn = 'ukjent';
  assert.equal(validate(broken), false);
});
