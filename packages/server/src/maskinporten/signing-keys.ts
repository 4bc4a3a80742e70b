/**
 * The server's own token signing keys. The newest active key signs; `rotate` adds a new one and keeps the
 * old ones in the JWKS until every token they signed has expired, so resource servers never meet a token
 * they cannot verify. Keys live in the database, so every server instance signs with and publishes the
 * same set; each instance re-reads them at most every `refreshMs`.
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { MaskinportenStore, SigningKeyRecord } from './maskinporten-store.js';

export const TOKEN_ALGORITHM = 'RS256';

export interface ActiveKey {
  kid: string;
  key: CryptoKey | Uint8Array;
}

export interface SigningKeys {
  /** The key that signs new tokens (created on first use when there is none). */
  active(): Promise<ActiveKey>;
  /** The public keys to publish at `/jwk`. */
  published(): Promise<{ keys: JWK[] }>;
  /** Adds a new signing key; the others stop signing and stay published for `keepSeconds`. Returns the new kid. */
  rotate(keepSeconds: number): Promise<string>;
}

export function signingKeys(store: MaskinportenStore, clock: () => number, refreshMs = 30_000): SigningKeys {
  let loaded: { at: number; records: SigningKeyRecord[]; active?: ActiveKey } | undefined;

  const load = async (force = false) => {
    const now = clock();
    if (!force && loaded && now - loaded.at < refreshMs) return loaded;
    let records = await store.signingKeys();
    if (!records.some((record) => record.retired === undefined)) {
      await store.addSigningKey(await newKey(new Date(now)));
      records = await store.signingKeys();
    }
    loaded = { at: now, records };
    return loaded;
  };

  return {
    async active() {
      const current = await load();
      if (!current.active) {
        const record = current.records.filter((r) => r.retired === undefined).at(-1) as SigningKeyRecord;
        current.active = { kid: record.kid, key: await importJWK(record.privateJwk, TOKEN_ALGORITHM) };
      }
      return current.active;
    },
    async published() {
      const now = clock();
      const { records } = await load();
      const keys = records
        .filter((record) => record.publishedUntil === undefined || record.publishedUntil.getTime() > now)
        .map((record) => record.publicJwk);
      return { keys };
    },
    async rotate(keepSeconds: number) {
      const now = new Date(clock());
      const key = await newKey(now);
      await store.addSigningKey(key);
      await store.retireSigningKeys(key.kid, now, new Date(now.getTime() + keepSeconds * 1000));
      await load(true);
      return key.kid;
    },
  };
}

async function newKey(created: Date): Promise<Omit<SigningKeyRecord, 'retired' | 'publishedUntil'>> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { modulusLength: 2048, extractable: true });
  const kid = `folkeport-${created.toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`;
  const meta = { kid, alg: TOKEN_ALGORITHM, use: 'sig' };
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), ...meta },
    publicJwk: { ...(await exportJWK(publicKey)), ...meta },
    created,
  };
}
