/**
 * `folkeport register serve`: the register on its own, trusting Maskinporten issuers given by URL (Folkeport's
 * own, or the real test / production Maskinporten) — for running the services on separate machines.
 */
import { Command } from '@commander-js/extra-typings';
import { createTokenVerifier, type TrustedIssuer } from '../auth/token-verifier.js';
import { listen } from '../http/http-app.js';
import { newAdminToken } from '../maskinporten/admin-credential.js';
import { PRODUCTION_REQUESTS_PER_MINUTE } from '../register/api/register-api.js';
import { startRegisterService } from '../register/register-service.js';
import { openDatabase } from '../store/database.js';
import { countParser } from './arguments.js';
import { databaseSource, databaseUrlOption, dataDirOption } from './database-options.js';
import { parsePort } from './maskinporten.js';

const EXIT_USAGE = 2;
export const DEFAULT_REGISTER_PORT = 7071;

/** Issuer presets: Maskinporten publishes its keys at `<issuer>jwk` (reference maskinporten.md §1). */
const ISSUER_PRESETS: Record<string, string> = {
  test: 'https://test.maskinporten.no/',
  prod: 'https://maskinporten.no/',
};

/** A trusted Maskinporten issuer from `test`, `prod` or an issuer URL (with the trailing slash). */
export function trustedIssuer(value: string): TrustedIssuer {
  const issuer = ISSUER_PRESETS[value] ?? value;
  if (!/^https?:\/\/[^\s]+\/$/.test(issuer)) {
    throw new Error(`a trusted issuer is test, prod or an http(s) issuer URL ending with /: ${value}`);
  }
  return { issuer, jwksUri: `${issuer}jwk` };
}

export function registerCommand() {
  const serve = new Command('serve')
    .description('Run the register (FREG consumer API) until interrupted')
    .requiredOption('--trust-issuer <issuer...>', 'Maskinporten issuers to trust: test, prod, or an issuer URL such as http://127.0.0.1:7070/')
    .option('--port <port>', `port (default ${DEFAULT_REGISTER_PORT}; 0 = any free port)`, parsePort, DEFAULT_REGISTER_PORT)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--requests-per-minute <n>', 'rate limit per consumer organisation (FREG test: 1200)', countParser(), PRODUCTION_REQUESTS_PER_MINUTE)
    .option('--admin-token <token>', 'admin credential for innsyn (or FOLKEPORT_ADMIN_TOKEN; default: a new one, printed)')
    .option('--log', 'log requests as JSON lines (identity numbers redacted)')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      let issuers: TrustedIssuer[];
      try {
        issuers = options.trustIssuer.map(trustedIssuer);
      } catch (error) {
        return serve.error(`error: ${(error as Error).message}`, { exitCode: EXIT_USAGE });
      }
      const db = await openDatabase(databaseSource(options)).catch((error: Error) => serve.error(`error: ${error.message}`, { exitCode: EXIT_USAGE }));
      const configuredToken = options.adminToken ?? process.env.FOLKEPORT_ADMIN_TOKEN;
      const adminToken = configuredToken ?? newAdminToken();
      const service = await startRegisterService({
        db,
        verifier: createTokenVerifier({ issuers }),
        adminToken,
        requestsPerMinute: options.requestsPerMinute,
        logger: options.log ?? false,
      });
      let url: string;
      try {
        url = await listen(service.app, options.port, options.host);
      } catch (error) {
        await service.close();
        await db.close();
        return serve.error(`error: ${(error as Error).message}`, { exitCode: EXIT_USAGE });
      }
      console.error(`Register listening at ${url} (database ${db.location}; trusting ${issuers.map((i) => i.issuer).join(', ')})`);
      if (configuredToken === undefined) console.error(`Admin credential for this run: ${adminToken}`);
      await new Promise<void>((stop) => {
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await service.close();
      await db.close();
    });
  return new Command('register').description('The FREG-compatible register (docs/register.md)').addCommand(serve);
}
