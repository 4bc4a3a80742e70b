/**
 * `folkeport maskinporten …` and `folkeport altinn …`: run the authorisation server, and manage clients,
 * scopes, delegations and signing keys directly in its database (the same operations as the admin API).
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { exportJWK, generateKeyPair } from 'jose';
import { HttpError, listen } from '../http/http-app.js';
import { newAdminToken } from '../maskinporten/admin-credential.js';
import { KNOWN_SCOPES } from '../maskinporten/known-scopes.js';
import { createMaskinportenServer, type MaskinportenServer } from '../maskinporten/maskinporten-server.js';
import { openMaskinportenStore } from '../maskinporten/maskinporten-store.js';
import { createRegistry, type Registry } from '../maskinporten/registry.js';
import { signingKeys } from '../maskinporten/signing-keys.js';
import { openDatabase, type DatabaseOptions } from '../store/database.js';
import { createTestCa, type CertificateAuthority } from '../maskinporten/certificates.js';
import { countParser } from './arguments.js';
import { dataDirOption, databaseSource, databaseUrlOption } from './database-options.js';

/** Exit codes: 0 done, 1 refused (unknown client, duplicate, …), 2 the command could not run as asked. */
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

export const DEFAULT_MASKINPORTEN_PORT = 7070;
const DEFAULT_TOKEN_LIFETIME = 120;

interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
}

/** Opens the database, runs `work` with the registry (known scopes present), prints its result as JSON. */
async function withRegistry(command: { error(message: string, options: { exitCode: number }): never }, flags: DatabaseFlags, work: (registry: Registry) => Promise<unknown>) {
  const db = await openDatabase(databaseSource(flags)).catch((error: Error) =>
    command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE }),
  );
  try {
    const store = await openMaskinportenStore(db);
    const registry = createRegistry(store, signingKeys(store, Date.now), Date.now, DEFAULT_TOKEN_LIFETIME);
    await registry.ensureScopes(KNOWN_SCOPES);
    const result = await work(registry);
    if (result !== undefined) console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    if (error instanceof HttpError) command.error(`error: ${error.message}`, { exitCode: error.status === 400 ? EXIT_USAGE : EXIT_REFUSED });
    throw error;
  } finally {
    await db.close();
  }
}

/** A subcommand that works on the database named by --data-dir / --database-url / DATABASE_URL. */
function databaseCommand(name: string) {
  return new Command(name)
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    // Our own command.error() calls carry their exit code; commander's usage errors become EXIT_USAGE.
    .exitOverride((error) => process.exit(error.code === 'commander.error' || error.exitCode === 0 ? error.exitCode : EXIT_USAGE));
}

export function maskinportenCommand() {
  const maskinporten = new Command('maskinporten').description('The Maskinporten-compatible authorisation server (docs/maskinporten.md)');
  maskinporten.addCommand(serveCommand());

  const client = new Command('client').description('Clients (integrations) and their keys');
  const create = databaseCommand('create')
      .description('Register a client with a new RSA key; the private JWK is written to a file only you can read')
      .requiredOption('--org <orgnr>', "the client's organisation number")
      .requiredOption('--scope <scope...>', 'scopes the client may ask for')
      .option('--name <name>', 'client name')
      .option('--client-id <id>', 'client id (default: a new UUID)')
      .option('--key-file <path>', 'where to write the private JWK (default .folkeport/keys/<client-id>.jwk.json)')
      .option('--grant', "also grant the scopes to the client's organisation (as the API provider would)")
  .action(async (options) => {
    // Checked before anything is registered, so a refused key file never leaves a client without its key.
    const explicitKeyFile = options.keyFile === undefined ? undefined : resolve(options.keyFile);
    if (explicitKeyFile !== undefined && existsSync(explicitKeyFile)) {
      return create.error(`error: ${explicitKeyFile} exists; choose another --key-file`, { exitCode: EXIT_USAGE });
    }
    await withRegistry(create, options, async (registry) => {
      const created = await registry.createClient({
        client_name: options.name ?? `Client of ${options.org}`,
        client_orgno: options.org,
        scopes: options.scope,
        ...(options.clientId !== undefined && { client_id: options.clientId }),
      });
      const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
      const kid = randomUUID();
      const meta = { kid, alg: 'RS256', use: 'sig' };
      await registry.replaceClientJwks(created.client_id, [{ ...(await exportJWK(publicKey)), ...meta }]);
      const path = explicitKeyFile ?? resolve(join('.folkeport', 'keys', `${created.client_id}.jwk.json`));
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, `${JSON.stringify({ ...(await exportJWK(privateKey)), ...meta }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(path, 0o600);
      if (options.grant) for (const scope of options.scope) await registry.grantScope(scope, options.org);
      console.error(`Client ${created.client_id} registered with key ${kid}; private key written to ${path} (mode 0600).`);
      return { ...created, kid, key_file: path };
    });
  });
  const list = databaseCommand('list').description('List clients').action(async (options) => {
    await withRegistry(list, options, (registry) => registry.listClients());
  });
  const remove = databaseCommand('delete').description('Delete a client and its keys').argument('<client-id>').action(
    async (clientId, options) => {
      await withRegistry(remove, options, async (registry) => {
        await registry.deleteClient(clientId);
        console.error(`Client ${clientId} deleted.`);
      });
    },
  );
  client.addCommand(create).addCommand(list).addCommand(remove);
  maskinporten.addCommand(client);

  const scope = new Command('scope').description('Scopes and which organisations they are granted to');
  const scopeCreate = databaseCommand('create')
      .description('Create a scope (the FREG package scopes and ks:fiks exist already)')
      .argument('<name>', 'e.g. prefix:subscope')
      .requiredOption('--owner <orgnr>', "the API provider's organisation number")
      .option('--delegation-source <issuer>', 'makes the scope delegable through this delegation register')
      .option('--at-max-age <seconds>', 'longest token lifetime for the scope', countParser())
      .option('--description <text>')
  .action(async (name, options) => {
    await withRegistry(scopeCreate, options, (registry) =>
      registry.createScope({
        name,
        owner_orgno: options.owner,
        ...(options.description !== undefined && { description: options.description }),
        ...(options.delegationSource !== undefined && { delegation_source: options.delegationSource }),
        ...(options.atMaxAge !== undefined && { at_max_age: options.atMaxAge }),
      }),
    );
  });
  const scopeList = databaseCommand('list').description('List scopes').action(async (options) => {
    await withRegistry(scopeList, options, (registry) => registry.listScopes());
  });
  const access = (verb: 'grant' | 'revoke') => {
    const command = databaseCommand(verb)
        .description(verb === 'grant' ? 'Grant a scope to a consumer organisation' : "Withdraw a consumer organisation's access to a scope")
        .requiredOption('--scope <scope>')
        .requiredOption('--org <orgnr>', "the consumer's organisation number");
    return command.action(async (options) => {
      await withRegistry(command, options, (registry) =>
        verb === 'grant' ? registry.grantScope(options.scope, options.org) : registry.revokeScope(options.scope, options.org),
      );
    });
  };
  scope.addCommand(scopeCreate).addCommand(scopeList).addCommand(access('grant')).addCommand(access('revoke'));
  maskinporten.addCommand(scope);

  const keys = new Command('keys').description("The server's token signing keys");
  const rotate = databaseCommand('rotate').description('Sign new tokens with a new key; old keys stay published until their tokens have expired')
  .action(async (options) => {
    await withRegistry(rotate, options, (registry) => registry.rotateSigningKeys());
  });
  keys.addCommand(rotate);
  maskinporten.addCommand(keys);
  return maskinporten;
}

export function altinnCommand() {
  const altinn = new Command('altinn').description("The delegation register (Altinn's role): consumers delegate scopes to suppliers");
  const change = (verb: 'delegate' | 'revoke') => {
    const command = databaseCommand(verb)
        .description(verb === 'delegate' ? 'Delegate a scope from a consumer to a supplier' : 'End a delegation (it stays in the history)')
        .requiredOption('--from <orgnr>', 'the consumer (data controller)')
        .requiredOption('--to <orgnr>', 'the supplier (vendor)')
        .requiredOption('--scope <scope>');
    return command.action(async (options) => {
      const input = { consumer_org: options.from, supplier_org: options.to, scope: options.scope };
      await withRegistry(command, options, (registry) => (verb === 'delegate' ? registry.delegate(input) : registry.revokeDelegation(input)));
    });
  };
  const list = databaseCommand('list')
      .description('List current delegations (with --history also revoked ones)')
      .option('--from <orgnr>')
      .option('--to <orgnr>')
      .option('--scope <scope>')
      .option('--history')
  .action(async (options) => {
    await withRegistry(list, options, (registry) =>
      registry.delegations({ consumer_org: options.from, supplier_org: options.to, scope: options.scope, history: options.history }),
    );
  });
  return altinn.addCommand(change('delegate')).addCommand(change('revoke')).addCommand(list);
}

function serveCommand() {
  const command = databaseCommand('serve')
      .description('Run the authorisation server until interrupted')
      .option('--port <port>', `port (default ${DEFAULT_MASKINPORTEN_PORT}; 0 = any free port)`, parsePort, DEFAULT_MASKINPORTEN_PORT)
      .option('--host <host>', 'interface to listen on', '127.0.0.1')
      .option('--issuer <url>', 'issuer (default http://<host>:<port>/)')
      .option('--admin-token <token>', 'admin credential (or FOLKEPORT_ADMIN_TOKEN; default: a new one, printed)')
      .option('--token-lifetime <seconds>', 'access-token lifetime', countParser(), DEFAULT_TOKEN_LIFETIME)
      .option('--strict-claims', 'also refuse nbf in grants')
      .option('--trust-ca <pem...>', 'CA certificate files trusted for enterprise certificates')
      .option('--no-dev-ca', 'do not trust the development CA of `folkeport dev cert`')
      .addOption(new Option('--log', 'log requests as JSON lines (identity numbers redacted)'))
  .action(async (options) => {
    const db = await openDatabase(databaseSource(options)).catch((error: Error) =>
      command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE }),
    );
    const configuredToken = options.adminToken ?? process.env.FOLKEPORT_ADMIN_TOKEN;
    const generatedToken = configuredToken === undefined ? newAdminToken() : undefined;
    let server: MaskinportenServer;
    let url: string;
    try {
      server = createMaskinportenServer({
        store: await openMaskinportenStore(db),
        ...(options.issuer !== undefined && { issuer: options.issuer }),
        adminToken: configuredToken ?? generatedToken,
        accessTokenLifetime: options.tokenLifetime,
        strictClaims: options.strictClaims ?? false,
        trustedCaFiles: options.trustCa ?? [],
        trustDevCa: options.devCa,
        logger: options.log ?? false,
      });
      await server.registry.ensureScopes(KNOWN_SCOPES);
      url = await listen(server.app, options.port, options.host);
    } catch (error) {
      await db.close();
      return command.error(`error: ${(error as Error).message}`, { exitCode: EXIT_USAGE });
    }
    if (options.issuer === undefined) server.setIssuer(url);
    console.error(`Maskinporten listening at ${url} (issuer ${server.issuer()}, database ${db.location})`);
    if (generatedToken) console.error(`Admin credential for this run: ${generatedToken}`);
    await new Promise<void>((stop) => {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.app.close();
    await db.close();
  });
  return command;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('a port is 0–65535');
  return port;
}

/** The development CA from the Maskinporten database (created on first use), for `folkeport dev cert`. */
export async function loadDevCertificateAuthority(source: DatabaseOptions): Promise<CertificateAuthority> {
  const db = await openDatabase(source);
  try {
    return await (await openMaskinportenStore(db)).devCertificateAuthority(() => createTestCa());
  } finally {
    await db.close();
  }
}
