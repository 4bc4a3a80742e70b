/**
 * `folkeport gateway serve`: the Fiks-compatible gateway on its own, in front of Folkeport's register or the real
 * FREG, with the operator's Maskinporten client for the upstream tokens (docs/gateway-proxy.md, "Running it").
 */
import { readFileSync } from 'node:fs';
import { Command } from '@commander-js/extra-typings';
import type { MaskinportenEnvironment, SigningKey } from '@folkeport/client';
import type { JWK } from 'jose';
import { createTokenVerifier, type TrustedIssuer } from '../auth/token-verifier.js';
import { DEFAULT_FAILED_LOGINS_PER_MINUTE } from '../gateway/failed-logins.js';
import { startGatewayService } from '../gateway/gateway-service.js';
import { listen } from '../http/http-app.js';
import { newAdminToken } from '../maskinporten/admin-credential.js';
import { openDatabase } from '../store/database.js';
import { countParser } from './arguments.js';
import { databaseSource, databaseUrlOption, dataDirOption } from './database-options.js';
import { parsePort } from './maskinporten.js';
import { trustedIssuer } from './register.js';

const EXIT_USAGE = 2;
export const DEFAULT_GATEWAY_PORT = 7072;

/** FREG's consumer API hosts (reference fiks-folkeregister.md §2.2, from Skatteetaten's Endepunkter.md). */
const UPSTREAM_PRESETS: Record<string, string> = {
  playground: 'https://folkeregisteret-api-konsument-playground.sits.no/',
  test: 'https://folkeregisteret-api-konsument.sits.no/',
  prod: 'https://folkeregisteret.api.skatteetaten.no/',
};

/** `playground`, `test`, `prod` or an http(s) base URL (a trailing slash is added). */
export function upstreamUrl(value: string): string {
  const url = UPSTREAM_PRESETS[value] ?? value;
  if (!/^https?:\/\/\S+$/.test(url)) throw new Error(`the upstream is playground, test, prod or an http(s) URL: ${value}`);
  return url.endsWith('/') ? url : `${url}/`;
}

/** `test`, `prod` or an issuer URL ending with `/`, as @folkeport/client takes it. */
function maskinportenEnvironment(value: string): MaskinportenEnvironment {
  return value === 'test' || value === 'prod' ? value : { issuer: value };
}

/** A private JWK (JSON, with its kid) or a virksomhetssertifikat as PKCS#12 (password from the environment). */
export function signingKeyFrom(options: { keyFile?: string; certificate?: string }, password: string | undefined): SigningKey {
  if ((options.keyFile === undefined) === (options.certificate === undefined)) {
    throw new Error('give exactly one of --key-file (a private JWK) and --certificate (a PKCS#12 file)');
  }
  if (options.keyFile !== undefined) return { jwk: JSON.parse(readFileSync(options.keyFile, 'utf8')) as JWK };
  if (password === undefined) throw new Error('set FOLKEPORT_CERTIFICATE_PASSWORD to the PKCS#12 password');
  return { pkcs12: readFileSync(options.certificate as string), password };
}

export function gatewayServeCommand() {
  const serve = new Command('serve')
    .description('Run the gateway (KS Fiks folkeregister proxy and configuration API) until interrupted')
    .requiredOption('--client-id <id>', "the gateway operator's Maskinporten client (holds the FREG package scopes)")
    .option('--key-file <file>', "the operator client's private JWK (JSON with kid)")
    .option('--certificate <file>', "the operator's virksomhetssertifikat as PKCS#12 (password in FOLKEPORT_CERTIFICATE_PASSWORD)")
    .option('--maskinporten <issuer>', 'where the operator gets upstream tokens: test, prod or an issuer URL', 'http://127.0.0.1:7070/')
    .option('--upstream <url>', "the FREG API: Folkeport's register URL, or playground, test, prod", 'http://127.0.0.1:7071/')
    .option('--trust-issuer <issuer...>', "issuers of callers' ks:fiks tokens: test, prod or an issuer URL (default: --maskinporten)")
    .option('--upstream-timeout <ms>', 'time-out for an upstream answer (connecting: 2 000 ms)', countParser(), 30_000)
    .option(
      '--failed-logins-per-minute <n>',
      'failed password checks per Maskinporten client (integrations) or address (admin credentials) before 429',
      countParser(),
      DEFAULT_FAILED_LOGINS_PER_MINUTE,
    )
    .option('--port <port>', `port (default ${DEFAULT_GATEWAY_PORT}; 0 = any free port)`, parsePort, DEFAULT_GATEWAY_PORT)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--admin-token <token>', 'operator admin credential (or FOLKEPORT_ADMIN_TOKEN; default: a new one, printed)')
    .option('--log', 'log requests as JSON lines (identity numbers redacted)')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      let issuers: TrustedIssuer[];
      let upstream: string;
      let key: SigningKey;
      try {
        issuers = (options.trustIssuer ?? [options.maskinporten]).map(trustedIssuer);
        upstream = upstreamUrl(options.upstream);
        key = signingKeyFrom(options, process.env.FOLKEPORT_CERTIFICATE_PASSWORD);
        trustedIssuer(options.maskinporten); // checked now: a malformed issuer would only fail at the first request
      } catch (error) {
        return serve.error(`error: ${(error as Error).message}`, { exitCode: EXIT_USAGE });
      }
      const db = await openDatabase(databaseSource(options)).catch((error: Error) => serve.error(`error: ${error.message}`, { exitCode: EXIT_USAGE }));
      const configuredToken = options.adminToken ?? process.env.FOLKEPORT_ADMIN_TOKEN;
      const adminToken = configuredToken ?? newAdminToken();
      let url: string;
      let close: () => Promise<void> = async () => undefined;
      try {
        const service = await startGatewayService({
          db,
          verifier: createTokenVerifier({ issuers }),
          upstream: {
            baseUrl: upstream,
            maskinporten: { environment: maskinportenEnvironment(options.maskinporten), clientId: options.clientId, key },
          },
          adminToken,
          timeouts: { responseMs: options.upstreamTimeout },
          failedLoginsPerMinute: options.failedLoginsPerMinute,
          logger: options.log ?? false,
        });
        close = () => service.close();
        url = await listen(service.app, options.port, options.host);
      } catch (error) {
        await close();
        await db.close();
        return serve.error(`error: ${(error as Error).message}`, { exitCode: EXIT_USAGE });
      }
      console.error(
        `Gateway listening at ${url} (database ${db.location}; upstream ${upstream} with client ${options.clientId} of ` +
          `${options.maskinporten}; trusting ${issuers.map((i) => i.issuer).join(', ')})`,
      );
      if (configuredToken === undefined) console.error(`Admin credential for this run: ${adminToken}`);
      await new Promise<void>((stop) => {
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await close();
      await db.close();
    });
  return serve;
}
