// Bearer-token verifications per second, RS256 with a 2048-bit key: cold (each distinct token verified
// once: parsing, signature, claims, cache insert) and cached (the same tokens again).
// Goal: ≥ 200 000 cached verifications/s.
// Run: node --conditions=folkeport-source --import tsx bench/token-verify.bench.ts (about 15 s).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createTokenVerifier } from '../packages/server/src/auth/token-verifier.js';

const ISSUER = 'https://test.maskinporten.no/';
const TOKENS = 5_000;
const CACHED_ROUNDS = 40; // × TOKENS verifications per cached measurement
const REPEATS = 5;

const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
const jwk = { ...(await exportJWK(publicKey)), kid: 'bench-1', alg: 'RS256', use: 'sig' };
const issuers = [{ issuer: ISSUER, jwks: async () => ({ keys: [jwk] }) }];

// Tokens in the shape Maskinporten issues (see docs/token-verification.md), each with its own jti.
const now = Math.floor(Date.now() / 1000);
const sign = (jti: string) =>
  new SignJWT({
    iss: ISSUER,
    client_amr: 'virksomhetssertifikat',
    token_type: 'Bearer',
    aud: 'unspecified',
    scope: 'folkeregister:deling/offentligmedhjemmel',
    client_id: '2a6f1c52-6a8b-4c1e-9d55-0e2b1f3c4d5e',
    consumer: { authority: 'iso6523-actorid-upis', ID: '0192:999999999' },
    supplier: { authority: 'iso6523-actorid-upis', ID: '0192:123456785' },
    delegation_source: 'https://tt02.altinn.no/',
    iat: now,
    exp: now + 3600,
    jti,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench-1' })
    .sign(privateKey);
const headers = await Promise.all(Array.from({ length: TOKENS }, async (_, i) => `Bearer ${await sign(`bench-${i}`)}`));
const warmUp = `Bearer ${await sign('warm-up')}`;

let sink = 0;

/** A verifier with its JWKS loaded and its key imported, and nothing else cached. */
async function freshVerifier() {
  const verifier = createTokenVerifier({ issuers });
  sink += (await verifier.verify(warmUp)).consumerOrg.length;
  return verifier;
}

async function coldSequential(): Promise<number> {
  const verifier = await freshVerifier();
  const start = performance.now();
  for (const header of headers) sink += (await verifier.verify(header)).scopes.length;
  return TOKENS / ((performance.now() - start) / 1000);
}

/** `inFlight` verifications at a time: Node runs WebCrypto's RSA verify on its thread pool. */
async function coldConcurrent(inFlight: number): Promise<number> {
  const verifier = await freshVerifier();
  let next = 0;
  const worker = async () => {
    while (next < headers.length) sink += (await verifier.verify(headers[next++])).scopes.length;
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return TOKENS / ((performance.now() - start) / 1000);
}

const cachedVerifier = await freshVerifier();
for (const header of headers) await cachedVerifier.verify(header);
async function cached(): Promise<number> {
  const start = performance.now();
  for (let round = 0; round < CACHED_ROUNDS; round++) {
    for (const header of headers) sink += (await cachedVerifier.verify(header)).scopes.length;
  }
  return (CACHED_ROUNDS * TOKENS) / ((performance.now() - start) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rows: [string, () => Promise<number>][] = [
  ['cold, 1 in flight (distinct tokens, signature checked)', coldSequential],
  ['cold, 8 in flight', () => coldConcurrent(8)],
  ['cached, 1 in flight (same tokens again)', cached],
];

const token = headers[0]?.slice('Bearer '.length) ?? '';
console.log(`Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`RS256, 2048-bit key, ${TOKENS} distinct tokens of ${token.length} characters; median of ${REPEATS} runs`);
console.log('| measurement | verifications/s (median) | min | max | µs per verification (median) |');
console.log('|---|---:|---:|---:|---:|');
let cachedMedian = 0;
for (const [name, measure] of rows) {
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await measure());
  const mid = median(runs);
  if (measure === cached) cachedMedian = mid;
  const format = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(`| ${name} | ${format(mid)} | ${format(Math.min(...runs))} | ${format(Math.max(...runs))} | ${(1e6 / mid).toFixed(2)} |`);
}
if (sink === 0) throw new Error('no verifications');
console.log(`Goal ≥ 200,000 cached verifications/s: ${cachedMedian >= 200_000 ? 'met' : 'NOT met'}`);
