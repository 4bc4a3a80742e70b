// A Maskinporten-like issuer for register benchmarks: one RS256 key, its JWKS for the register's token verifier,
// and a two-hour access token for offentligMedHjemmel, consumer Oslo kommune.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { packageById } from '@folkeport/model';

export const BENCH_ISSUER = 'http://bench-issuer.test/';
export const OMH = packageById('offentligMedHjemmel');

export async function benchIssuer(): Promise<{ jwk: JWK; omhToken: string }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256' };
  const omhToken = await new SignJWT({
    scope: OMH.scope,
    client_id: 'bench',
    client_amr: 'private_key_jwt',
    token_type: 'Bearer',
    consumer: { authority: 'iso6523-actorid-upis', ID: '0192:974760673' },
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuer(BENCH_ISSUER)
    .setAudience('unspecified')
    .setIssuedAt()
    .setExpirationTime('2h')
    .setJti(randomUUID())
    .sign(privateKey);
  return { jwk, omhToken };
}
