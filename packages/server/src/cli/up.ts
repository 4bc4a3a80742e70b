/**
 * `folkeport up`: everything a newcomer needs, in one process — a population (generated on first start),
 * the Maskinporten server with a demo client per rettighetspakke, the register, and the Fiks-compatible gateway
 * in front of it with a demo municipality — until Ctrl-C.
 */
import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import { Command } from '@commander-js/extra-typings';
import { createTokenVerifier } from '../auth/token-verifier.js';
import { provisionDemoClients, type DemoClient } from '../dev/demo-clients.js';
import { provisionDemoMunicipality, type DemoFiks } from '../dev/demo-municipality.js';
import { writeDevCredentials } from '../dev/dev-credentials.js';
import { startGatewayService } from '../gateway/gateway-service.js';
import { openGatewayStore } from '../gateway/gateway-store.js';
import { listen } from '../http/http-app.js';
import { loadPopulation } from '../loader/load-population.js';
import { newAdminToken } from '../maskinporten/admin-credential.js';
import { KNOWN_SCOPES } from '../maskinporten/known-scopes.js';
import { createMaskinportenServer } from '../maskinporten/maskinporten-server.js';
import { openMaskinportenStore } from '../maskinporten/maskinporten-store.js';
import { packageById } from '@folkeport/model';
import { PRODUCTION_REQUESTS_PER_MINUTE } from '../register/api/register-api.js';
import { startRegisterService } from '../register/register-service.js';
import { openRegisterStore, type RegisterStore } from '../register/register-store.js';
import { DEFAULT_DATA_DIR, openDatabase } from '../store/database.js';
import { countParser, parseSeed } from './arguments.js';
import { databaseSource, databaseUrlOption, dataDirOption } from './database-options.js';
import { DEFAULT_GATEWAY_PORT } from './gateway-serve.js';
import { DEFAULT_MASKINPORTEN_PORT, parsePort } from './maskinporten.js';
import { DEFAULT_REGISTER_PORT, trustedIssuer } from './register.js';

const EXIT_USAGE = 2;
const EXIT_FAILED = 3;
const DEFAULT_PERSONS = 20_000;

export function upCommand() {
  const command = new Command('up')
    .description('Start Maskinporten and the register with a synthetic population (generated on first start)')
    .option('--persons <n>', `residents to generate on first start (default ${DEFAULT_PERSONS})`, countParser(), DEFAULT_PERSONS)
    .option('--seed <seed>', 'seed of the generated population', parseSeed, 1)
    .option('--maskinporten-port <port>', `Maskinporten's port (0 = any free port)`, parsePort, DEFAULT_MASKINPORTEN_PORT)
    .option('--register-port <port>', `the register's port (0 = any free port)`, parsePort, DEFAULT_REGISTER_PORT)
    .option('--gateway-port <port>', `the gateway's port (0 = any free port)`, parsePort, DEFAULT_GATEWAY_PORT)
    .option('--requests-per-minute <n>', 'rate limit per consumer organisation (FREG test: 1200)', countParser(), PRODUCTION_REQUESTS_PER_MINUTE)
    .option('--trust-issuer <issuer...>', 'also trust these Maskinporten issuers in the register and the gateway: test, prod or an issuer URL')
    .option('--log', 'log requests as JSON lines (identity numbers redacted)')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      const source = databaseSource(options);
      const credentialsDir = 'dataDir' in source ? source.dataDir : DEFAULT_DATA_DIR;
      const db = await openDatabase(source).catch((error: Error) => command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE }));
      const stops: (() => Promise<void>)[] = [() => db.close()];
      const stopAll = async () => {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      };
      try {
        const register = await openRegisterStore(db);
        await ensurePopulation(register, options.persons, options.seed);

        const adminToken = process.env.FOLKEPORT_ADMIN_TOKEN ?? newAdminToken();
        const maskinporten = createMaskinportenServer({ store: await openMaskinportenStore(db), adminToken, logger: options.log ?? false });
        await maskinporten.registry.ensureScopes(KNOWN_SCOPES);
        const maskinportenUrl = await listen(maskinporten.app, options.maskinportenPort);
        stops.push(() => maskinporten.app.close());
        maskinporten.setIssuer(maskinportenUrl);
        const clients = await provisionDemoClients(maskinporten.registry, new Date());

        const issuers = [{ issuer: maskinportenUrl, jwks: () => maskinporten.keys.published() }, ...(options.trustIssuer ?? []).map(trustedIssuer)];
        const verifier = createTokenVerifier({ issuers });
        const registerService = await startRegisterService({
          db,
          verifier,
          adminToken,
          requestsPerMinute: options.requestsPerMinute,
          logger: options.log ?? false,
        });
        const registerUrl = await listen(registerService.app, options.registerPort);
        stops.push(() => registerService.close());

        const municipality = await provisionDemoMunicipality(maskinporten.registry, await openGatewayStore(db), new Date());
        const gatewayService = await startGatewayService({
          db,
          verifier,
          upstream: {
            baseUrl: registerUrl,
            maskinporten: {
              environment: { issuer: maskinportenUrl },
              clientId: municipality.operator.clientId,
              key: { jwk: municipality.operator.privateJwk },
            },
          },
          adminToken,
          logger: options.log ?? false,
        });
        stops.push(() => gatewayService.close());
        const gatewayUrl = await listen(gatewayService.app, options.gatewayPort);

        mkdirSync(credentialsDir, { recursive: true });
        const credentialsFile = writeDevCredentials(credentialsDir, {
          maskinporten: { issuer: maskinportenUrl, tokenEndpoint: `${maskinportenUrl}token` },
          register: { baseUrl: registerUrl },
          gateway: { baseUrl: gatewayUrl },
          clients: [...clients, municipality.vendor],
          fiks: municipality.fiks,
        });
        const example = (await register.events(1, 1))[0]?.folkeregisteridentifikator ?? '<fødselsnummer>';
        console.log(
          instructions({ maskinportenUrl, registerUrl, gatewayUrl, credentialsFile, credentialsDir, clients, fiks: municipality.fiks, example, adminToken }),
        );
      } catch (error) {
        await stopAll();
        return command.error(`error: ${(error as Error).message}`, { exitCode: EXIT_FAILED });
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      console.error('Stopping …');
      await stopAll();
    });
  return command;
}

/** Generates the population on first start, or finishes an interrupted generation; a complete one is kept. */
async function ensurePopulation(register: RegisterStore, persons: number, seed: number): Promise<void> {
  const existing = await register.getPopulation();
  if (existing?.status === 'complete') {
    console.error(`Using the stored population: ${existing.persons} persons (seed ${existing.seed}).`);
    return;
  }
  const population = existing ? { ...(existing.options as { persons: number }), seed: existing.seed } : { persons, seed };
  console.error(`Generating a population of ${population.persons} residents (seed ${population.seed}) …`);
  const started = Date.now();
  const result = await loadPopulation(register, { population, workers: availableParallelism() });
  console.error(`Stored ${result.storedPersons} persons in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

function instructions(run: {
  maskinportenUrl: string;
  registerUrl: string;
  gatewayUrl: string;
  credentialsFile: string;
  credentialsDir: string;
  clients: DemoClient[];
  fiks: DemoFiks;
  example: string;
  adminToken: string;
}): string {
  const omh = packageById('offentligMedHjemmel');
  const lookup = `${run.registerUrl}${omh.pathPrefix.slice(1)}/personer/${run.example}`;
  const [role] = run.fiks.roles;
  const gatewayLookup = `${run.gatewayUrl}folkeregister/api/v1/${role?.id ?? '<rolleId>'}/v1/personer/${run.example}`;
  const dirOption = run.credentialsDir === DEFAULT_DATA_DIR ? '' : ` --dir ${run.credentialsDir}`;
  return `
Folkeport is up.

  Maskinporten  ${run.maskinportenUrl}   (issuer; token endpoint ${run.maskinportenUrl}token)
  Register      ${run.registerUrl}   (e.g. ${omh.pathPrefix}/…)
  Gateway       ${run.gatewayUrl}   (KS Fiks folkeregister: /folkeregister/api/v1/{rolleId}/v1/…)
  Credentials   ${run.credentialsFile}   (a demo client per rettighetspakke: ${run.clients.length}; the demo municipality under "fiks")
  Admin token   ${run.adminToken}   (Maskinporten admin API, innsyn, gateway configuration; set FOLKEPORT_ADMIN_TOKEN to choose it)

Look a person up with curl:

  curl -s -H "Authorization: Bearer $(npx folkeport dev token --package offentligMedHjemmel${dirOption})" \\
    ${lookup}

The same person through the gateway, as the demo vendor's fagsystem for ${run.fiks.orgnr} with the role "${role?.navn ?? ''}":

  curl -s -H "Authorization: Bearer $(npx folkeport dev token --fiks${dirOption})" \\
    -H "IntegrasjonId: ${run.fiks.integrationId}" -H "IntegrasjonPassord: ${run.fiks.integrationPassword}" \\
    ${gatewayLookup}

Or from TypeScript with @folkeport/client:

  import { readFileSync } from 'node:fs';
  import { MaskinportenClient } from '@folkeport/client';

  const credentials = JSON.parse(readFileSync('${run.credentialsFile}', 'utf8'));
  const demo = credentials.clients.find((c) => c.package === 'offentligMedHjemmel');
  const maskinporten = new MaskinportenClient({
    environment: { issuer: credentials.maskinporten.issuer },
    clientId: demo.clientId,
    key: { jwk: demo.privateJwk },
  });
  const { accessToken } = await maskinporten.getToken({ scopes: demo.scopes });
  const response = await fetch('${lookup}', {
    headers: { authorization: \`Bearer \${accessToken}\` },
  });
  console.log(await response.json());

Stop with Ctrl-C. See docs/getting-started.md and docs/gateway.md.
`;
}
