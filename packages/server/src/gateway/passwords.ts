/**
 * Integration passwords (and organisation admin credentials): generated here, shown once, stored only as a
 * scrypt hash in PHC string form, `$scrypt$ln=14,r=8,p=1$<salt>$<hash>` (base64url), so the parameters can be
 * raised later without invalidating stored hashes: each hash carries its own.
 *
 * Parameters: N = 2^14, r = 8, p = 1 (16 MiB, ≈ 30 ms on one core of the development machine). The secrets are
 * 192 random bits, not chosen by people, so no hash speed makes guessing them feasible; the slow hash is defence
 * in depth for a leaked database. docs/gateway.md explains the choice.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const SCHEME = 'scrypt';
const DEFAULT_LOG_N = 14;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Stored parameters costlier than this are refused rather than run (a tampered row must not tie up the server). */
const MAX_MEMORY = 256 * 1024 * 1024;
const MAX_PARALLELISM = 4;

/** 24 random bytes (192 bits) as 32 base64url characters: URL- and header-safe. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const params = { logN: DEFAULT_LOG_N, r: BLOCK_SIZE, p: PARALLELISM };
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$${SCHEME}$ln=${params.logN},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** False for a wrong password and for a hash this module cannot read; never throws on bad input. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parse(hash);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

interface Params {
  logN: number;
  r: number;
  p: number;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d)\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{22,})$/;

function parse(hash: string): (Params & { salt: Buffer; key: Buffer }) | undefined {
  const match = PHC.exec(hash);
  if (!match) return undefined;
  const [, logN, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const params = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (params.logN < 1 || params.r < 1 || params.p < 1 || params.p > MAX_PARALLELISM) return undefined;
  if (memory(params) > MAX_MEMORY) return undefined;
  return { ...params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/** scrypt's working memory: 128 · N · r bytes. */
const memory = (params: Params) => 128 * 2 ** params.logN * params.r;

function derive(password: string, salt: Buffer, params: Params, length: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** params.logN, r: params.r, p: params.p, maxmem: memory(params) + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
