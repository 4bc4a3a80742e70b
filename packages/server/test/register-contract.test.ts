// Contract: every endpoint of offentlig med hjemmel answers with a body that validates against the response
// schema the official OpenAPI (freg.yaml, read from ../shared at test time) gives for its 200 JSON answer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { packageById } from '@folkeport/model';
import { startRegisterService } from '../src/register/register-service.js';
import { openRegisterStore } from '../src/register/register-store.js';
import { describeDatabases } from './databases.js';
import { registerPopulation, testVerifier, tokenFor } from './register-api-fixture.js';

const SHARED = process.env.FOLKEPORT_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
}

const openapi = parse(readFileSync(`${SHARED}reference/specs/freg/freg.yaml`, 'utf8')) as OpenApi;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'freg.yaml', components: openapi.components });

/** The validator of the 200 JSON answer the OpenAPI gives for `method path` (path as in freg.yaml). */
function responseSchema(method: string, path: string): ValidateFunction {
  const schema = openapi.paths[path]?.[method]?.responses['200']?.content?.['application/json']?.schema;
  assert.ok(schema, `freg.yaml defines a JSON 200 answer for ${method.toUpperCase()} ${path}`);
  const resolved = JSON.parse(JSON.stringify(schema).replaceAll('"#/components', '"freg.yaml#/components'));
  return ajv.compile(resolved);
}

function valid(validate: ValidateFunction, body: unknown, what: string): void {
  assert.ok(validate(body), `${what}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}

describeDatabases('register contract (OpenAPI) for offentlig med hjemmel', (target) => {
  test('every endpoint answers with the OpenAPI shape', async () => {
    const register = await openRegisterStore(target.db);
    const persons = registerPopulation();
    await register.insertPersons(persons);
    const service = await startRegisterService({ db: target.db, verifier: await testVerifier(), adminToken: 'contract' });
    try {
      await service.ready();
      const base = packageById('offentligMedHjemmel').pathPrefix;
      const auth = { authorization: `Bearer ${await tokenFor('offentligMedHjemmel')}` };
      const call = async (method: 'GET' | 'POST', path: string, payload?: object) => {
        const response = await service.app.inject({
          method,
          url: `${base}${path}`,
          headers: { ...auth, ...(payload && { 'content-type': 'application/json' }) },
          ...(payload && { payload }),
        });
        assert.equal(response.statusCode, 200, `${method} ${path}: ${response.body}`);
        return response.json() as unknown;
      };
      const sample = persons.slice(0, 50).map((person) => person.document);
      const ids = sample.map((document) => document.identifikasjonsnummer?.[0]?.foedselsEllerDNummer as string);

      const person = responseSchema('get', '/v1/personer/{personidentifikator}');
      for (const id of ids.slice(0, 10)) valid(person, await call('GET', `/personer/${id}?part=person-basis&part=historikk`), `personer/${id}`);

      valid(responseSchema('post', '/v1/personer/bulkoppslag'), await call('POST', '/personer/bulkoppslag?somBestilt=true', { foedselsEllerDNummer: [...ids, '01818000000'] }), 'bulkoppslag');

      const feed = (await call('GET', '/hendelser/feed?seq=1')) as { hendelse: { hendelsesdokument: string; persondokument: string } }[];
      valid(responseSchema('get', '/v1/hendelser/feed'), feed, 'hendelser/feed');
      valid(responseSchema('get', '/v1/hendelser/siste/sekvensnummer'), await call('GET', '/hendelser/siste/sekvensnummer'), 'siste/sekvensnummer');

      const [first, second] = feed;
      assert.ok(first && second);
      const event = responseSchema('get', '/v1/hendelser/{hendelsesidentifikator}');
      valid(event, await call('GET', `/hendelser/${first.hendelse.hendelsesdokument}`), 'hendelser/{id}');
      const events = (await call('POST', '/hendelser/bulkoppslag', { dokumentidentifikator: [first.hendelse.hendelsesdokument, second.hendelse.hendelsesdokument] })) as unknown[];
      assert.equal(events.length, 2);
      // Folkeport answers a list where the OpenAPI declares one object (Q3): each item meets that schema.
      const eventItem = responseSchema('post', '/v1/hendelser/bulkoppslag');
      for (const item of events) valid(eventItem, item, 'hendelser/bulkoppslag item');

      valid(responseSchema('get', '/v1/personer/arkiv/{dokumentidentifikator}'), await call('GET', `/personer/arkiv/${first.hendelse.persondokument}`), 'arkiv');
      // A list like PersonBulkoppslagResponse (Q3), each entry's document as the OpenAPI's single answer.
      const archived = (await call('POST', '/personer/bulkoppslag/arkiv', { dokumentidentifikator: [first.hendelse.persondokument] })) as {
        oppslag: { folkeregisterperson?: unknown }[];
      };
      const archivedItem = responseSchema('post', '/v1/personer/bulkoppslag/arkiv');
      assert.equal(archived.oppslag.length, 1);
      for (const item of archived.oppslag) valid(archivedItem, item.folkeregisterperson, 'bulkoppslag/arkiv item');

      const resident = sample.find((document) => document.status?.some((s) => s.erGjeldende && s.status === 'bosatt'));
      const navn = resident?.navn?.find((n) => n.erGjeldende);
      const foedselsdato = resident?.foedsel?.find((f) => f.erGjeldende)?.foedselsdato?.replaceAll('-', '');
      assert.ok(navn && foedselsdato);
      valid(responseSchema('get', '/v1/personer/soek'), await call('GET', `/personer/soek?navn=${encodeURIComponent(navn.etternavn)}`), 'soek');
      const entydig = `/personer/entydigsoek?navn=${encodeURIComponent(`${navn.fornavn} ${navn.etternavn}`)}&foedselsdato=${foedselsdato}`;
      valid(responseSchema('get', '/v1/personer/entydigsoek'), await call('GET', entydig), 'entydigsoek');

      const job = responseSchema('post', '/v1/uttrekk/tilpasset');
      const tilpasset = (await call('POST', '/uttrekk/tilpasset', { personstatustyper: ['bosatt'], kjoenn: 'kvinne' })) as { jobbId: string };
      valid(job, tilpasset, 'uttrekk/tilpasset');
      const komplett = (await call('GET', '/uttrekk/komplett?feedsekvensnr=100')) as { jobbId: string };
      valid(responseSchema('get', '/v1/uttrekk/komplett'), komplett, 'uttrekk/komplett');
      const data = responseSchema('get', '/v1/uttrekk/{jobbid}/batch/{batchnr}');
      for (const { jobbId } of [tilpasset, komplett]) {
        let response;
        for (let attempt = 0; attempt < 200; attempt++) {
          response = await service.app.inject({ method: 'GET', url: `${base}/uttrekk/${jobbId}/batch/0`, headers: auth });
          if (response.statusCode !== 404) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.equal(response?.statusCode, 200, response?.body);
        valid(data, response?.json(), 'uttrekk batch');
      }
    } finally {
      await service.close();
    }
  });
});
