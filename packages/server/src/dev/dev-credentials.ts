/**
 * `dev-credentials.json`: what `folkeport up` hands a developer — where Maskinporten, the register and the
 * gateway listen, the demo clients with their private keys, and the demo municipality's Fiks set-up (role ids,
 * integration id and password). Written readable by the owner only.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoClient } from './demo-clients.js';
import type { DemoFiks } from './demo-municipality.js';

export const DEV_CREDENTIALS_FILE = 'dev-credentials.json';

export interface DevCredentials {
  maskinporten: { issuer: string; tokenEndpoint: string };
  register: { baseUrl: string };
  gateway: { baseUrl: string };
  /** A client per rettighetspakke (`package` set) and the Fiks vendor's `ks:fiks` client (`fiks.vendorClientId`). */
  clients: DemoClient[];
  fiks: DemoFiks;
}

export function writeDevCredentials(dir: string, credentials: DevCredentials): string {
  const path = join(dir, DEV_CREDENTIALS_FILE);
  writeFileSync(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600); // an existing file keeps its mode on overwrite
  return path;
}

export function readDevCredentials(dir: string): DevCredentials {
  const path = join(dir, DEV_CREDENTIALS_FILE);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as DevCredentials;
  } catch (error) {
    throw new Error(`cannot read ${path} (start Folkeport with \`folkeport up\` first): ${(error as Error).message}`);
  }
}
