/**
 * The demo Maskinporten clients `folkeport up` registers: one per rettighetspakke, all owned by a demo
 * vendor organisation that has been granted every package scope. Each start gives every demo client a
 * fresh key (the old one is replaced), so the credentials file is always the only copy of a valid key.
 */
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { RIGHTS_PACKAGES, type PackageId } from '@folkeport/model';
import { HttpError } from '../http/http-app.js';
import type { Registry } from '../maskinporten/registry.js';

/** The demo vendor's organisation number (valid mod 11; not a real organisation's number as far as we know). */
export const DEMO_ORGNR = '999999999';

export interface DemoClient {
  clientId: string;
  orgnr: string;
  kid: string;
  privateJwk: JWK;
  scopes: string[];
  /** The package a package client is meant for; absent for the Fiks vendor's `ks:fiks` client. */
  package?: PackageId;
}

export async function provisionDemoClients(registry: Registry, now: Date): Promise<DemoClient[]> {
  const clients: DemoClient[] = [];
  for (const pkg of RIGHTS_PACKAGES) {
    const client = await registerClient(registry, now, {
      clientId: `folkeport-demo-${pkg.id}`,
      name: `Folkeport demo: ${pkg.name}`,
      orgnr: DEMO_ORGNR,
      scopes: [pkg.scope],
    });
    clients.push({ ...client, package: pkg.id });
  }
  return clients;
}

/**
 * Registers (or updates) a Maskinporten client whose organisation has been granted its scopes, with a fresh
 * key that replaces any earlier one. The private key exists only in the answer.
 */
export async function registerClient(
  registry: Registry,
  now: Date,
  client: { clientId: string; name: string; orgnr: string; scopes: string[] },
): Promise<DemoClient> {
  const { clientId, orgnr, scopes } = client;
  for (const scope of scopes) await registry.grantScope(scope, orgnr);
  try {
    await registry.createClient({ client_id: clientId, client_name: client.name, client_orgno: orgnr, scopes });
  } catch (error) {
    if (!(error instanceof HttpError && error.status === 409)) throw error;
    await registry.updateClient(clientId, { scopes });
  }
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = `${clientId}-${now.getTime()}`;
  const meta = { kid, alg: 'RS256', use: 'sig' };
  await registry.replaceClientJwks(clientId, [{ ...(await exportJWK(publicKey)), ...meta }]);
  return { clientId, orgnr, kid, privateJwk: { ...(await exportJWK(privateKey)), ...meta }, scopes };
}
