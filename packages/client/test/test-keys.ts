// Key material for the tests: an RSA key as a registered JWK, and self-made certificates (a CA and a
// virksomhetssertifikat-like leaf) as PEM and as a PKCS#12 file built with node-forge.
import { X509Certificate, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import forge from 'node-forge';

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function rsaKeyPair(modulusLength = 2048): RsaKeyPair {
  return generateKeyPairSync('rsa', { modulusLength });
}

export function privateJwk(pair: RsaKeyPair, kid: string): JWK {
  return { ...(pair.privateKey.export({ format: 'jwk' }) as JWK), kid };
}

export function privateKeyPem(pair: RsaKeyPair): string {
  return pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

export interface Certificate {
  pem: string;
  /** base64 DER, as in x5c. */
  der: string;
  forge: forge.pki.Certificate;
}

let serial = 1;

/** A certificate for `subject`'s public key, signed by `issuer` (self-signed when it is the subject). */
export function certificate(
  subject: { name: string; pair: RsaKeyPair },
  issuer: { name: string; pair: RsaKeyPair } = subject,
  { ca = false } = {},
): Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(subject.pair.publicKey.export({ type: 'spki', format: 'pem' }) as string);
  cert.serialNumber = (serial++).toString(16).padStart(2, '0');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([
    { name: 'commonName', value: subject.name },
    { name: 'organizationName', value: subject.name },
  ]);
  cert.setIssuer([
    { name: 'commonName', value: issuer.name },
    { name: 'organizationName', value: issuer.name },
  ]);
  cert.setExtensions(
    ca
      ? [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true },
        ]
      : [{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }],
  );
  cert.sign(forgePrivateKey(issuer.pair), forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert);
  return { pem, der: new X509Certificate(pem).raw.toString('base64'), forge: cert };
}

/** A password-protected PKCS#12 file holding `pair`'s private key and `certificates` in the given order. */
export function pkcs12(pair: RsaKeyPair, certificates: Certificate[], password: string): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forgePrivateKey(pair),
    certificates.map((entry) => entry.forge),
    password,
    { algorithm: '3des' },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

function forgePrivateKey(pair: RsaKeyPair): forge.pki.rsa.PrivateKey {
  return forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string);
}
