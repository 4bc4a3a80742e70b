// The three parts together over real HTTP: Folkeport's Maskinporten server, the vendor client from
// @folkeport/client, and the resource-server verifier the register and gateway use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportJWK } from 'jose';
import { MaskinportenClient, MaskinportenError } from '@folkeport/client';
import { createTokenVerifier } from '../src/auth/token-verifier.js';
import { listen } from '../src/http/http-app.js';
import { createTestCa, issueEnterpriseCertificate, toPkcs12 } from '../src/maskinporten/certificates.js';
import { describeDatabases } from './databases.js';
import { CLIENT_ORG, CONSUMER_ORG, FREG_SCOPE, setUp, type Fixture } from './maskinporten-fixture.js';

async function running(f: Fixture) {
  const url = await listen(f.server.app, 0);
  f.server.setIssuer(url);
  const verifier = createTokenVerifier({ issuers: [{ issuer: url, jwksUri: `${url}jwk` }] });
  return { url, verifier, close: () => f.server.app.close() };
}

describeDatabases('Maskinporten end to end', (target) => {
  test('a vendor client gets a token with its registered key; the verifier accepts it', async () => {
    const f = await setUp(target.db, { clock: Date.now });
    const { url, verifier, close } = await running(f);
    try {
      const client = new MaskinportenClient({
        environment: { issuer: url },
        clientId: f.clientId,
        key: { jwk: { ...(await exportJWK(f.key.privateKey)), kid: f.kid } },
      });
      const token = await client.getToken({ scopes: [FREG_SCOPE] });
      assert.equal(token.tokenType, 'Bearer');
      assert.equal(token.scope, FREG_SCOPE);
      const verified = await verifier.verify(`Bearer ${token.accessToken}`);
      assert.equal(verified.consumerOrg, CLIENT_ORG);
      assert.equal(verified.supplierOrg, undefined);
      assert.equal(verified.clientId, f.clientId);
      assert.deepEqual(verified.scopes, [FREG_SCOPE]);
      // Cached: the same token again, without a new grant.
      assert.equal((await client.getToken({ scopes: [FREG_SCOPE] })).accessToken, token.accessToken);

      // Delegated: refused with MP-251 until the consumer delegates, then consumer and supplier in the token.
      await f.admin('PUT', `/scopes/access/${CONSUMER_ORG}?scope=${encodeURIComponent(FREG_SCOPE)}`);
      await assert.rejects(
        client.getToken({ scopes: [FREG_SCOPE], consumerOrg: CONSUMER_ORG }),
        (error: unknown) => error instanceof MaskinportenError && error.code === 'MP-251' && error.status === 403,
      );
      await f.admin('POST', '/delegations', { consumer_org: CONSUMER_ORG, supplier_org: CLIENT_ORG, scope: FREG_SCOPE });
      const delegated = await verifier.verify(`Bearer ${(await client.getToken({ scopes: [FREG_SCOPE], consumerOrg: CONSUMER_ORG })).accessToken}`);
      assert.equal(delegated.consumerOrg, CONSUMER_ORG);
      assert.equal(delegated.supplierOrg, CLIENT_ORG);
    } finally {
      await close();
    }
  });

  test('a vendor with a virksomhetssertifikat (PKCS#12 from the development CA) gets a token', async () => {
    const f = await setUp(target.db, { clock: Date.now });
    const { url, verifier, close } = await running(f);
    try {
      const ca = await f.store.devCertificateAuthority(() => createTestCa());
      const certificate = issueEnterpriseCertificate(ca, { organisasjonsnummer: CLIENT_ORG });
      const client = new MaskinportenClient({
        environment: { issuer: url },
        clientId: f.clientId,
        key: { pkcs12: toPkcs12(certificate, ca, 'secret'), password: 'secret' },
      });
      const verified = await verifier.verify(`Bearer ${(await client.getToken({ scopes: [FREG_SCOPE] })).accessToken}`);
      assert.equal(verified.clientAmr, 'virksomhetssertifikat');
      assert.equal(verified.consumerOrg, CLIENT_ORG);
    } finally {
      await close();
    }
  });

  test('the client retries a 503 from the server and then gets its token', async () => {
    const f = await setUp(target.db, { clock: Date.now });
    const { url, close } = await running(f);
    try {
      await f.admin('PUT', '/faults', { token_unavailable: 2 });
      const client = new MaskinportenClient({
        environment: { issuer: url },
        clientId: f.clientId,
        key: { jwk: { ...(await exportJWK(f.key.privateKey)), kid: f.kid } },
        backoffMs: 5,
      });
      const token = await client.getToken({ scopes: [FREG_SCOPE] });
      assert.equal(token.scope, FREG_SCOPE);
      const again = await f.token(await f.grant());
      assert.equal(again.status, 200, 'both faults were used up by the client');
    } finally {
      await close();
    }
  });
});
