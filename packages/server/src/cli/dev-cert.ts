import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { analyseOrganisasjonsnummer } from '@folkeport/identity';
import {
  issueEnterpriseCertificate,
  toPkcs12,
  type CertificateAuthority,
  type EnterpriseCertificate,
} from '../maskinporten/certificates.js';
import type { DatabaseOptions } from '../store/database.js';
import { countParser } from './arguments.js';
import { databaseSource, databaseUrlOption, dataDirOption, describeSource } from './database-options.js';

/** Reads (creating on first use) the development CA that the Maskinporten service trusts, from the database. */
export type LoadCertificateAuthority = (source: DatabaseOptions) => Promise<CertificateAuthority>;

/** Exit codes: 0 written, 2 the command could not run as asked. */
const EXIT_USAGE = 2;

const DEFAULT_OUT_DIR = './.folkeport/certs';

/** `folkeport dev`: development helpers. */
export function devCommand(loadCa: LoadCertificateAuthority) {
  return new Command('dev')
    .description('Development helpers')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .addCommand(certCommand(loadCa));
}

/** `folkeport dev cert`: a test enterprise certificate from the development CA, as PEM files and PKCS#12. */
function certCommand(loadCa: LoadCertificateAuthority) {
  const command = new Command('cert')
    .description("Issue a test enterprise certificate (virksomhetssertifikat) from the development CA that Folkeport's Maskinporten trusts")
    .addHelpText(
      'after',
      '\nWrites <orgnr>.crt.pem (certificate + CA), <orgnr>.key.pem and <orgnr>.p12 (both readable by you only).' +
        '\nSend the certificate in a grant\'s x5c header; see docs/maskinporten.md.' +
        '\nExit code: 0 when the files are written, 2 on bad usage or when the CA cannot be read.',
    )
    .requiredOption('--org <orgnr>', 'organisasjonsnummer of the organisation (9 digits, valid check digit)', parseOrganisasjonsnummer)
    .option('--name <name>', 'organisation name for the subject O and CN (default "Testvirksomhet <orgnr>")', parseName)
    .option('--out <dir>', `directory to write the files to (default ${DEFAULT_OUT_DIR})`)
    .option('--password <password>', 'password of the PKCS#12 file (default: a random one, printed once)', parseName)
    .option('--days <n>', 'days of validity (default 3 years; never beyond the CA)', countParser())
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: EXIT_USAGE });
      const source = databaseSource(options);
      const ca = await loadCa(source).catch((error: unknown) =>
        fail(`could not read the development CA from ${describeSource(source)}: ${messageOf(error)}`),
      );
      const password = options.password ?? randomBytes(18).toString('base64url');
      let certificate: EnterpriseCertificate;
      let pkcs12: Buffer;
      try {
        certificate = issueEnterpriseCertificate(ca, {
          organisasjonsnummer: options.org,
          ...(options.name === undefined ? {} : { organisationName: options.name }),
          ...(options.days === undefined ? {} : { validityDays: options.days }),
        });
        pkcs12 = toPkcs12(certificate, ca, password);
      } catch (error) {
        return fail(`could not issue a certificate from the development CA: ${messageOf(error)}`);
      }
      const dir = resolve(options.out ?? DEFAULT_OUT_DIR);
      const paths = {
        chain: join(dir, `${options.org}.crt.pem`),
        key: join(dir, `${options.org}.key.pem`),
        pkcs12: join(dir, `${options.org}.p12`),
      };
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await writeFile(paths.chain, certificate.chainPem);
        await writePrivate(paths.key, certificate.privateKeyPem);
        await writePrivate(paths.pkcs12, pkcs12);
      } catch (error) {
        fail(`could not write the certificate files to ${dir}: ${messageOf(error)}`);
      }
      console.log(
        [
          `Issued a test enterprise certificate for ${options.org}, valid until ${certificate.notAfter.toISOString()}.`,
          `  certificate + CA: ${paths.chain}`,
          `  private key:      ${paths.key}`,
          `  PKCS#12:          ${paths.pkcs12}`,
          options.password === undefined
            ? `  PKCS#12 password: ${password}  (generated; not shown again)`
            : '  PKCS#12 password: as given with --password',
        ].join('\n'),
      );
    });
  return command;
}

/** Secrets: readable by the owner only, also when the file already existed with a wider mode. */
async function writePrivate(path: string, data: string | Buffer): Promise<void> {
  await writeFile(path, data, { mode: 0o600 });
  await chmod(path, 0o600);
}

function parseOrganisasjonsnummer(value: string): string {
  const analysis = analyseOrganisasjonsnummer(value);
  if (!analysis.valid) {
    throw new InvalidArgumentError(`'${value}' is not a valid organisasjonsnummer: ${analysis.errors.map((error) => error.message).join('; ')}.`);
  }
  return value;
}

function parseName(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('must not be empty.');
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
