// The register service as `folkeport up` and `folkeport register serve` run it: every part wired, the
// background work running, the audit log behind innsyn.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packageById } from '@folkeport/model';
import { startRegisterService } from '../src/register/register-service.js';
import { openRegisterStore } from '../src/register/register-store.js';
import { describeDatabases } from './databases.js';
import { registerPopulation, testVerifier, tokenFor } from './register-api-fixture.js';

describeDatabases('register service', (target) => {
  test('serves lookups, search, feeds and uttrekk over the stored population, audited and visible in innsyn', async () => {
    const register = await openRegisterStore(target.db);
    const persons = registerPopulation();
    await register.insertPersons(persons);
    const service = await startRegisterService({ db: target.db, verifier: await testVerifier(), adminToken: 'innsyn-admin' });
    try {
      await service.ready();
      const omh = packageById('offentligMedHjemmel').pathPrefix;
      const auth = { authorization: `Bearer ${await tokenFor('offentligMedHjemmel')}` };
      const get = (url: string, headers: Record<string, string> = auth) => service.app.inject({ method: 'GET', url, headers });
      const resident = persons.find((person) => person.document.status?.some((s) => s.status === 'bosatt'));
      assert.ok(resident);
      const id = resident.document.identifikasjonsnummer?.[0]?.foedselsEllerDNummer as string;

      const lookup = await get(`${omh}/personer/${id}`);
      assert.equal(lookup.statusCode, 200);
      assert.equal(lookup.json().identifikasjonsnummer[0].foedselsEllerDNummer, id);

      const last = await get(`${omh}/hendelser/siste/sekvensnummer`);
      assert.equal(Number(last.body), persons.length, 'every personErOpprettet event is in the feed after ready()');
      const page = await get(`${omh}/hendelser/feed?seq=1`);
      assert.equal(page.json().length, Math.min(1000, persons.length));

      const name = resident.document.navn?.find((n) => n.erGjeldende)?.etternavn as string;
      const search = await get(`${omh}/personer/soek?navn=${encodeURIComponent(name)}&foedselsdato=${resident.document.foedsel?.[0]?.foedselsdato?.replaceAll('-', '')}`);
      assert.equal(search.statusCode, 200, search.body);
      assert.ok(search.json().foedselsEllerDNummer.includes(id));

      const ordered = await service.app.inject({
        method: 'POST',
        url: `${omh}/uttrekk/tilpasset`,
        headers: { ...auth, 'content-type': 'application/json' },
        payload: { personstatustyper: ['bosatt'] },
      });
      assert.equal(ordered.statusCode, 200, ordered.body);
      const { jobbId } = ordered.json();
      let batch;
      for (let attempt = 0; attempt < 200; attempt++) {
        batch = await get(`${omh}/uttrekk/${jobbId}/batch/0`);
        if (batch.statusCode !== 404) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(batch?.statusCode, 200);
      assert.ok(batch?.json().foedselsEllerDNummer.includes(id));

      // Accesses outside the hjemmel package are in the person's innsyn (the OMH lookup, search and extract are exempt).
      const finans = await get(`${packageById('finans').pathPrefix}/personer/${id}`, { authorization: `Bearer ${await tokenFor('finans')}` });
      assert.equal(finans.statusCode, 200, finans.body);
      const innsyn = await get(`/innsyn/${id}`, { authorization: 'Bearer innsyn-admin' });
      assert.equal(innsyn.statusCode, 200, innsyn.body);
      const accesses = innsyn.json().oppslag as { rettighetspakke: string; handling: string }[];
      assert.deepEqual(accesses.map((access) => [access.rettighetspakke, access.handling]), [['finans', 'personoppslag']], innsyn.body);
      assert.equal((await get(`/innsyn/${id}`, { authorization: 'Bearer wrong' })).statusCode, 401);
    } finally {
      await service.close();
    }
  });
});
