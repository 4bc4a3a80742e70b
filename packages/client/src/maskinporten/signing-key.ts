import { X509Certificate, createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import forge from 'node-forge';
import { MaskinportenError } from './errors.js';

/**
 * How the client proves who it is (maskinporten.md §3.1): a key registered on the client (sent as `kid`), or a
 * virksomhetssertifikat, as a PKCS#12 file or as PEM (sent as `x5c`).
 */
export type SigningKey =
  | { jwk: JWK }
  | { pkcs12: Uint8Array; password: string }
  | { certificatePem: string; privateKeyPem: string };

export type GrantKeyHeader = { kid: string } | { x5c: string[] };

export interface GrantSigner {
  key: KeyObject;
  /** The grant header besides `alg`: exactly one of `kid` or `x5c`. */
  header: GrantKeyHeader;
}

export function loadSigningKey(signingKey: SigningKey): GrantSigner {
  if (typeof signingKey !== 'object' || signingKey === null) throw new MaskinportenError('key is missing');
  if ('jwk' in signingKey) return fromJwk(signingKey.jwk);
  if ('pkcs12' in signingKey) return fromPkcs12(signingKey.pkcs12, signingKey.password);
  if ('certificatePem' in signingKey) return fromPem(signingKey.certificatePem, signingKey.privateKeyPem);
  throw new MaskinportenError('key must be { jwk }, { pkcs12, password } or { certificatePem, privateKeyPem }');
}

function fromJwk(jwk: JWK): GrantSigner {
  if (typeof jwk.kid !== 'string' || jwk.kid === '') {
    throw new MaskinportenError('The JWK has no kid; Maskinporten finds the registered key by its kid');
  }
  if (jwk.kty !== 'RSA' || typeof jwk.d !== 'string') {
    throw new MaskinportenError(`The JWK ${jwk.kid} must be a private RSA key (kty "RSA" with "d")`);
  }
  const key = privateKey(() => createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }), `The JWK ${jwk.kid}`);
  return { key, header: { kid: jwk.kid } };
}

function fromPem(certificatePem: string, privateKeyPem: string): GrantSigner {
  const key = privateKey(() => createPrivateKey(privateKeyPem), 'privateKeyPem');
  const blocks = certificatePem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new MaskinportenError('certificatePem holds no PEM certificate');
  const certificates = blocks.map((block) => certificate(() => new X509Certificate(block), 'certificatePem'));
  return { key, header: { x5c: certificateChain(certificates, key, 'certificatePem') } };
}

function fromPkcs12(bytes: Uint8Array, password: string): GrantSigner {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(bytes).toString('binary')), password);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new MaskinportenError(
      /password/i.test(message)
        ? 'Could not open the PKCS#12 file: wrong password'
        : `Could not read the PKCS#12 file: ${message}`,
      { cause: error },
    );
  }
  const keyBags = [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag].flatMap(
    (bagType) => pfx.getBags({ bagType })[bagType!] ?? [],
  );
  if (keyBags.length !== 1) {
    throw new MaskinportenError(
      `The PKCS#12 file holds ${keyBags.length} private keys; it must hold exactly one, the signing key`,
    );
  }
  const rsaKey = keyBags[0]!.key;
  if (rsaKey === undefined || rsaKey === null) {
    throw new MaskinportenError('The private key in the PKCS#12 file is not an RSA key');
  }
  const key = privateKey(() => createPrivateKey(forge.pki.privateKeyToPem(rsaKey)), 'The PKCS#12 private key');
  const certBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag!] ?? [];
  const certificates = certBags.map((bag) => {
    // forge keeps certificates it cannot model (non-RSA keys, e.g. in a CA) as plain ASN.1.
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    const der = Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    return certificate(() => new X509Certificate(der), 'The PKCS#12 file');
  });
  return { key, header: { x5c: certificateChain(certificates, key, 'The PKCS#12 file') } };
}

/**
 * The x5c value (RFC 7517 §4.7): base64 DER, the certificate of `key` first, then each certificate that issued
 * the one before it. Certificates outside that chain are left out.
 */
function certificateChain(certificates: X509Certificate[], key: KeyObject, source: string): string[] {
  const leaf = certificates.find((candidate) => candidate.checkPrivateKey(key));
  if (leaf === undefined) {
    throw new MaskinportenError(`${source}: none of its ${certificates.length} certificate(s) matches the private key`);
  }
  const chain = [leaf];
  const rest = certificates.filter((candidate) => candidate !== leaf);
  for (;;) {
    const issuer = rest.find((candidate) => chain.at(-1)!.checkIssued(candidate));
    if (issuer === undefined) break;
    chain.push(issuer);
    rest.splice(rest.indexOf(issuer), 1);
  }
  return chain.map((entry) => entry.raw.toString('base64'));
}

/** Maskinporten accepts only RS256/RS384/RS512, which need an RSA key of at least 2048 bits. */
function privateKey(load: () => KeyObject, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = load();
  } catch (error) {
    const message = `${source} is not a readable private key: ${(error as Error).message}`;
    throw new MaskinportenError(message, { cause: error });
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new MaskinportenError(`${source} is a ${key.asymmetricKeyType} key; Maskinporten needs an RSA key`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new MaskinportenError(`${source} is a ${bits}-bit RSA key; at least 2048 bits are needed`);
  return key;
}

function certificate(parse: () => X509Certificate, source: string): X509Certificate {
  try {
    return parse();
  } catch (error) {
    throw new MaskinportenError(`${source} holds a certificate that cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
