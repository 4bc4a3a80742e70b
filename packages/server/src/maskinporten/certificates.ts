/**
 * Enterprise certificates (virksomhetssertifikater) for Maskinporten's `x5c` grants: a test CA that issues them the
 * way Buypass and Commfides do, PKCS#12 export, and the check of an `x5c` chain against the configured CAs.
 * Pure functions: no database, no HTTP. See docs/maskinporten.md (Enterprise certificates).
 */
import { generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { analyseOrganisasjonsnummer, isValidOrganisasjonsnummer } from '@folkeport/identity';

/** A certificate authority: its certificate and its PKCS#8 private key, both PEM. */
export interface CertificateAuthority {
  certificatePem: string;
  privateKeyPem: string;
}

export interface TestCaOptions {
  commonName?: string;
  now?: Date;
  /** Default 20 years; never beyond the issuer's own expiry. */
  validityDays?: number;
  /** Makes an intermediate CA signed by this CA instead of a self-signed root. */
  issuer?: CertificateAuthority;
}

export interface EnterpriseCertificateOptions {
  organisasjonsnummer: string;
  /** O and CN of the subject; default `Testvirksomhet <orgnr>`. */
  organisationName?: string;
  now?: Date;
  /** Default 3 years, like a virksomhetssertifikat; never beyond the CA's own expiry. */
  validityDays?: number;
}

export interface EnterpriseCertificate {
  certificatePem: string;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** The certificate followed by the issuing CA's certificate. */
  chainPem: string;
  organisasjonsnummer: string;
  notAfter: Date;
}

export type CertificateCheck =
  | { ok: true; organisasjonsnummer: string; publicKey: KeyObject; subject: string; notAfter: Date }
  | CertificateCheckFailure;

export interface CertificateCheckFailure {
  ok: false;
  /** MP-123: `x5c` is not an array of base64 DER certificates. MP-120: the certificate is not acceptable. */
  code: 'MP-123' | 'MP-120';
  reason: string;
}

/** More certificates than any real chain has (leaf, issuing CA, root) is refused outright. */
export const MAX_X5C_CERTIFICATES = 10;
/** Base64 characters per certificate (12 KiB of DER); real enterprise certificates are about 2 KiB. */
const MAX_CERTIFICATE_CHARS = 16_384;

const OID_ORGANIZATION_IDENTIFIER = '2.5.4.97';
const OID_SERIAL_NUMBER = '2.5.4.5';
const NTR_PREFIX = 'NTRNO-';

const DEFAULT_CA_DAYS = 20 * 365 + 5;
const DAY_MS = 86_400_000;

/** A self-signed root CA (or, with `issuer`, an intermediate CA) for development and tests. */
export function createTestCa(options: TestCaOptions = {}): CertificateAuthority {
  const now = options.now ?? new Date();
  const keys = rsaKeyPair();
  const commonName = options.commonName ?? 'Folkeport Test CA';
  const certificate = signCertificate({
    subject: [
      { shortName: 'C', value: 'NO' },
      utf8('organizationName', 'Folkeport'),
      utf8('commonName', commonName),
    ],
    publicKeyPem: keys.publicKeyPem,
    signer: options.issuer ?? { privateKeyPem: keys.privateKeyPem },
    notBefore: now,
    notAfter: new Date(now.getTime() + days(options.validityDays ?? DEFAULT_CA_DAYS) * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { certificatePem: certificate.pem, privateKeyPem: keys.privateKeyPem };
}

/**
 * An enterprise certificate for `organisasjonsnummer`, issued by `ca`, with the subject Norwegian issuers use:
 * C=NO, O=name, organizationIdentifier=NTRNO-<orgnr> (SEID 2), serialNumber=<orgnr> (older Buypass/Commfides), CN=name.
 * Throws when the organisasjonsnummer is invalid.
 */
export function issueEnterpriseCertificate(ca: CertificateAuthority, options: EnterpriseCertificateOptions): EnterpriseCertificate {
  const orgnr = options.organisasjonsnummer;
  const analysis = analyseOrganisasjonsnummer(orgnr);
  if (!analysis.valid) {
    throw new Error(`'${orgnr}' is not a valid organisasjonsnummer: ${analysis.errors.map((error) => error.message).join('; ')}`);
  }
  const now = options.now ?? new Date();
  const name = options.organisationName ?? `Testvirksomhet ${orgnr}`;
  const keys = rsaKeyPair();
  const notAfter = new Date(now);
  if (options.validityDays === undefined) notAfter.setUTCFullYear(now.getUTCFullYear() + 3);
  else notAfter.setTime(now.getTime() + days(options.validityDays) * DAY_MS);
  const certificate = signCertificate({
    subject: [
      { shortName: 'C', value: 'NO' },
      utf8('organizationName', name),
      { type: OID_ORGANIZATION_IDENTIFIER, value: NTR_PREFIX + orgnr },
      { type: OID_SERIAL_NUMBER, value: orgnr },
      utf8('commonName', name),
    ],
    publicKeyPem: keys.publicKeyPem,
    signer: ca,
    notBefore: now,
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return {
    certificatePem: certificate.pem,
    privateKeyPem: keys.privateKeyPem,
    chainPem: certificate.pem + normalisedPem(ca.certificatePem),
    organisasjonsnummer: orgnr,
    notAfter: certificate.notAfter,
  };
}

/**
 * A password-protected PKCS#12 file with the private key, the certificate and the CA certificate. The key is
 * encrypted with AES-256-CBC (PBES2, PBKDF2-HMAC-SHA256) and the file has an HMAC-SHA1 integrity check: OpenSSL 3,
 * Java 8u301+ and .NET read it.
 */
export function toPkcs12(certificate: EnterpriseCertificate, ca: CertificateAuthority, password: string): Buffer {
  // node-forge's typings omit prfAlgorithm, which toPkcs12Asn1 passes on to the key encryption.
  const options = { algorithm: 'aes256', prfAlgorithm: 'sha256', friendlyName: certificate.organisasjonsnummer } as const;
  const pfx = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(certificate.privateKeyPem) as forge.pki.rsa.PrivateKey,
    [forge.pki.certificateFromPem(certificate.certificatePem), forge.pki.certificateFromPem(ca.certificatePem)],
    password,
    options,
  );
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}

/** The `x5c` header for a PEM chain: each certificate's DER in base64, in the order given (leaf first). */
export function x5cOf(chainPem: string): string[] {
  return pemCertificates(chainPem).map((certificate) => certificate.raw.toString('base64'));
}

/**
 * Checks a grant's `x5c` header (Maskinporten §8 rule 5): the leaf must be valid at `now`, chain to one of
 * `trustedCaPems` (directly or through CA certificates given in `x5c`), allow signing (digitalSignature, or nonRepudiation as
 * "signering" seal certificates may carry only that) and name a valid
 * organisasjonsnummer. Never throws on any `x5c`; throws only when a trusted CA PEM holds no certificate
 * (a configuration error). Each trusted PEM may hold several certificates.
 */
export function checkCertificateChain(x5c: unknown, trustedCaPems: readonly string[], now: Date): CertificateCheck {
  const anchors = trustedCaPems.flatMap(trustedCertificates);
  const chain = parseX5c(x5c);
  if (!Array.isArray(chain)) return chain;
  const [leaf, ...intermediates] = chain as [X509Certificate, ...X509Certificate[]];
  const validity = validityProblem(leaf, now);
  if (validity) return invalidCertificate(`the certificate ${validity}`);
  const untrusted = chainProblem(leaf, intermediates, anchors, now);
  if (untrusted) return invalidCertificate(untrusted);
  const details = leafDetails(leaf);
  if (!details) return invalidCertificate('the certificate cannot be read');
  if (!details.signs) return invalidCertificate('the certificate does not allow signing (key usage digitalSignature or nonRepudiation)');
  const orgnr = organisasjonsnummerOf(details.subject);
  if (!orgnr.ok) return invalidCertificate(orgnr.reason);
  return {
    ok: true,
    organisasjonsnummer: orgnr.value,
    publicKey: details.publicKey,
    subject: oneLine(leaf.subject),
    notAfter: new Date(leaf.validTo),
  };
}

// ---- issuing ----

type SubjectAttribute = forge.pki.CertificateField;

/** A UTF8String attribute (names may hold æøå); the others default to PrintableString. */
function utf8(name: string, value: string): SubjectAttribute {
  // The typings declare valueTagClass as an ASN.1 class; node-forge uses it as the universal type.
  return { name, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class };
}

interface CertificateRequest {
  subject: SubjectAttribute[];
  publicKeyPem: string;
  /** The issuing CA, or the certificate's own private key for a self-signed certificate. */
  signer: CertificateAuthority | { privateKeyPem: string };
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
}

/** Signs with SHA-256; the validity ends no later than the issuer's; adds subject and authority key identifiers. */
function signCertificate(request: CertificateRequest): { pem: string; notAfter: Date } {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(request.publicKeyPem);
  certificate.serialNumber = randomSerialNumber();
  certificate.setSubject(request.subject);
  let notAfter = request.notAfter;
  let authorityKeyIdentifier: string | true = true; // self-signed: its own key identifier
  if ('certificatePem' in request.signer) {
    const issuer = forge.pki.certificateFromPem(request.signer.certificatePem);
    certificate.setIssuer(issuer.subject.attributes);
    if (issuer.validity.notAfter < notAfter) notAfter = issuer.validity.notAfter;
    // OpenSSL matches this against the issuer's own subjectKeyIdentifier, whichever way that was made.
    const issuerKeyId = issuer.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier: string } | undefined;
    authorityKeyIdentifier = issuerKeyId
      ? forge.util.hexToBytes(issuerKeyId.subjectKeyIdentifier)
      : issuer.generateSubjectKeyIdentifier().getBytes();
  } else {
    certificate.setIssuer(request.subject);
  }
  certificate.validity.notBefore = request.notBefore;
  certificate.validity.notAfter = notAfter;
  certificate.setExtensions([
    ...request.extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: authorityKeyIdentifier },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(request.signer.privateKeyPem), forge.md.sha256.create());
  // X.509 stores whole seconds.
  return { pem: normalisedPem(forge.pki.certificateToPem(certificate)), notAfter: new Date(Math.floor(notAfter.getTime() / 1000) * 1000) };
}

function days(value: number): number {
  if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`validityDays must be a whole number of at least 1, not ${value}`);
  return value;
}

/** RSA 2048 with node:crypto: node-forge's key generation in JavaScript takes seconds. */
function rsaKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** 128 random bits as a positive DER INTEGER: first byte 0x01–0x7f, so neither negative nor padded. */
function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) || 0x01;
  return bytes.toString('hex');
}

/** node-forge writes CRLF line ends; PEM files conventionally use LF. */
function normalisedPem(pem: string): string {
  const text = pem.replaceAll('\r\n', '\n');
  return text.endsWith('\n') ? text : `${text}\n`;
}

function pemCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g);
  if (!blocks) throw new Error('the PEM text holds no certificate');
  return blocks.map((block) => new X509Certificate(block));
}

// ---- checking ----

/** Parsed trusted CAs by PEM text: node:crypto takes about 0.3 ms to parse a certificate, and the set rarely changes. */
const trustedCache = new Map<string, X509Certificate[]>();
const TRUSTED_CACHE_SIZE = 64;

function trustedCertificates(pem: string): X509Certificate[] {
  let certificates = trustedCache.get(pem);
  if (!certificates) {
    certificates = pemCertificates(pem);
    if (trustedCache.size >= TRUSTED_CACHE_SIZE) trustedCache.clear();
    trustedCache.set(pem, certificates);
  }
  return certificates;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function parseX5c(x5c: unknown): X509Certificate[] | CertificateCheckFailure {
  if (!Array.isArray(x5c)) return invalidHeader('x5c must be a JSON array of base64 DER certificates');
  if (x5c.length === 0) return invalidHeader('x5c is empty');
  if (x5c.length > MAX_X5C_CERTIFICATES) return invalidHeader(`x5c holds more than ${MAX_X5C_CERTIFICATES} certificates`);
  const certificates: X509Certificate[] = [];
  for (let i = 0; i < x5c.length; i++) {
    const entry: unknown = x5c[i];
    if (typeof entry !== 'string' || entry.length === 0 || entry.length > MAX_CERTIFICATE_CHARS || !BASE64.test(entry)) {
      return invalidHeader(`x5c[${i}] is not a base64 string of at most ${MAX_CERTIFICATE_CHARS} characters`);
    }
    const certificate = parseDer(Buffer.from(entry, 'base64'));
    if (!certificate) return invalidHeader(`x5c[${i}] is not a DER X.509 certificate`);
    certificates.push(certificate);
  }
  return certificates;
}

/** Exactly one DER certificate: no PEM, no trailing bytes. */
function parseDer(der: Buffer): X509Certificate | null {
  try {
    const certificate = new X509Certificate(der);
    return certificate.raw.equals(der) ? certificate : null;
  } catch {
    return null;
  }
}

/** Walks up from the leaf through the x5c certificates (each used once) until a trusted CA issued one. */
function chainProblem(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  now: Date,
): string | null {
  const unused = [...intermediates];
  for (let current = leaf; ; ) {
    const anchorProblems = anchors.map((anchor) => issuerProblem(anchor, current, now));
    if (anchorProblems.includes(null)) return null;
    const intermediateProblems = unused.map((ca) => issuerProblem(ca, current, now));
    const next = intermediateProblems.indexOf(null);
    if (next < 0) {
      const what = current === leaf ? 'the certificate' : `the CA certificate '${oneLine(current.subject)}'`;
      const problem = [...anchorProblems, ...intermediateProblems].find((found) => found !== NOT_ISSUER);
      return problem ? `${what} cannot be trusted: ${problem}` : `${what} is not issued by a trusted CA`;
    }
    current = unused.splice(next, 1)[0]!;
  }
}

const NOT_ISSUER = 'not the issuer';

/** null when `issuer` issued `certificate`: names and key identifiers match, it is a CA valid now, the signature verifies. */
function issuerProblem(issuer: X509Certificate, certificate: X509Certificate, now: Date): string | null {
  const name = `its issuer '${oneLine(issuer.subject)}'`;
  try {
    if (!certificate.checkIssued(issuer)) return NOT_ISSUER;
    if (!issuer.ca) return `${name} is not a CA`;
    const validity = validityProblem(issuer, now);
    if (validity) return `${name} ${validity}`;
    return certificate.verify(issuer.publicKey) ? null : `the signature by ${name} does not verify`;
  } catch {
    return `the signature by ${name} cannot be checked`;
  }
}

function validityProblem(certificate: X509Certificate, now: Date): string | null {
  const from = new Date(certificate.validFrom);
  const to = new Date(certificate.validTo);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return 'has an unreadable validity period';
  if (now < from) return `is not valid before ${from.toISOString()}`;
  if (now > to) return `expired at ${to.toISOString()}`;
  return null;
}

interface LeafDetails {
  subject: { type: string; value: string }[];
  /** Key usage digitalSignature or nonRepudiation. */
  signs: boolean;
  publicKey: KeyObject;
}

// node-forge functions its typings leave out.
const forgePki = forge.pki as typeof forge.pki & {
  RDNAttributesAsArray(rdn: forge.asn1.Asn1): { type: string; value: string }[];
  certificateExtensionsFromAsn1(extensions: forge.asn1.Asn1): { name?: string; digitalSignature?: boolean; nonRepudiation?: boolean }[];
};

/**
 * The subject attributes and key usage, read with node-forge's ASN.1 parser: node:crypto gives the subject only as
 * escaped text and the key usage bits not at all.
 */
function leafDetails(leaf: X509Certificate): LeafDetails | null {
  try {
    const certificate = forge.asn1.fromDer(leaf.raw.toString('binary'));
    const tbs = (certificate.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
    const isContext = (node: forge.asn1.Asn1, tag: number) =>
      node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === (tag as forge.asn1.Type);
    // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, …, [3] extensions
    const subject = tbs[isContext(tbs[0]!, 0) ? 5 : 4]!;
    const extensions = tbs.find((node) => isContext(node, 3));
    const keyUsage = (extensions ? forgePki.certificateExtensionsFromAsn1(extensions) : []).find((e) => e.name === 'keyUsage');
    return {
      subject: forgePki.RDNAttributesAsArray(subject),
      signs: keyUsage?.digitalSignature === true || keyUsage?.nonRepudiation === true,
      publicKey: leaf.publicKey,
    };
  } catch {
    return null;
  }
}

/** organizationIdentifier NTRNO-<orgnr> (SEID 2) first, else a 9-digit serialNumber (older Buypass/Commfides). */
function organisasjonsnummerOf(subject: readonly { type: string; value: string }[]): { ok: true; value: string } | { ok: false; reason: string } {
  const valuesOf = (oid: string) => subject.filter((attribute) => attribute.type === oid).map((attribute) => attribute.value);
  const ntr = valuesOf(OID_ORGANIZATION_IDENTIFIER)
    .filter((value) => value.startsWith(NTR_PREFIX))
    .map((value) => value.slice(NTR_PREFIX.length));
  const candidates = ntr.length > 0 ? ntr : valuesOf(OID_SERIAL_NUMBER).filter((value) => /^\d{9}$/.test(value));
  const distinct = [...new Set(candidates)];
  if (distinct.length === 0) {
    return { ok: false, reason: 'the certificate subject has no organisasjonsnummer (organizationIdentifier NTRNO-… or serialNumber)' };
  }
  if (distinct.length > 1) return { ok: false, reason: 'the certificate subject names more than one organisasjonsnummer' };
  const value = distinct[0]!;
  if (!isValidOrganisasjonsnummer(value)) {
    return { ok: false, reason: 'the organisasjonsnummer in the certificate subject is not valid' };
  }
  return { ok: true, value };
}

function oneLine(subject: string): string {
  return subject.replaceAll('\n', ', ');
}

function invalidHeader(reason: string): CertificateCheckFailure {
  return { ok: false, code: 'MP-123', reason };
}

function invalidCertificate(reason: string): CertificateCheckFailure {
  return { ok: false, code: 'MP-120', reason };
}
