/**
 * `folkeport gateway org|role|integration|grant …`: the gateway's configuration, directly in its database (the same
 * store and checks as the configuration API; docs/gateway.md). Results are JSON on stdout, notes on stderr.
 */
import { Command, Option } from '@commander-js/extra-typings';
import { BRUKSOMRADER, TJENESTEOMRADER, type Gyldighet, type NewRole } from '../gateway/gateway-model.js';
import { GatewayConfigError, openGatewayStore, type GatewayConfigStore } from '../gateway/gateway-store.js';
import { openDatabase } from '../store/database.js';
import { dataDirOption, databaseSource, databaseUrlOption } from './database-options.js';
import { gatewayServeCommand } from './gateway-serve.js';

/** Exit codes as `folkeport maskinporten`: 0 done, 1 refused (unknown id, duplicate), 2 the command could not run as asked. */
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

const GYLDIGHET_FIELDS = ['api', 'soekWeb', 'uttrekkWeb', 'asynkron'] as const;

interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
}

type Reporter = { error(message: string, options: { exitCode: number }): never };

/** A refusal the store signalled with `undefined` / `false`. */
class Refused extends Error {}

/** Opens the database, runs `work` with the store and prints its result as JSON. */
async function withStore(command: Reporter, flags: DatabaseFlags, work: (store: GatewayConfigStore) => Promise<unknown>) {
  const db = await openDatabase(databaseSource(flags)).catch((error: Error) =>
    command.error(`error: ${error.message}`, { exitCode: EXIT_USAGE }),
  );
  try {
    const result = await work(await openGatewayStore(db));
    if (result !== undefined) console.log(JSON.stringify(result, null, 2));
  } catch (error) {
    if (error instanceof Refused) command.error(`error: ${error.message}`, { exitCode: EXIT_REFUSED });
    if (error instanceof GatewayConfigError) {
      const refused = error.code === 'FINNES_ALLEREDE' || error.code === 'UKJENT_ORGANISASJON';
      command.error(`error: ${error.message}`, { exitCode: refused ? EXIT_REFUSED : EXIT_USAGE });
    }
    throw error;
  } finally {
    await db.close();
  }
}

function found<T>(value: T | undefined | false, message: string): T {
  if (value === undefined || value === false) throw new Refused(message);
  return value;
}

function databaseCommand(name: string) {
  return new Command(name)
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    // Our own command.error() calls carry their exit code; commander's usage errors become EXIT_USAGE.
    .exitOverride((error) => process.exit(error.code === 'commander.error' || error.exitCode === 0 ? error.exitCode : EXIT_USAGE));
}

/** A subcommand inside one organisation (`--org <fiksOrgId>`). */
function orgCommand(name: string) {
  return databaseCommand(name).requiredOption('--org <fiksOrgId>', 'the Fiks organisation id');
}

const UNKNOWN_ROLE = 'the organisation has no role with this id';
const UNKNOWN_INTEGRATION = 'the organisation has no integration with this id';

export function gatewayCommand() {
  return new Command('gateway')
    .description('The Fiks-compatible gateway: organisations, roles, integrations and grants (docs/gateway.md)')
    .addCommand(organisationCommands())
    .addCommand(roleCommands())
    .addCommand(integrationCommands())
    .addCommand(grantCommands())
    .addCommand(gatewayServeCommand());
}

function organisationCommands() {
  const create = databaseCommand('create')
    .description("Register an organisation; prints its admin credential for the configuration API (shown once)")
    .requiredOption('--orgnr <orgnr>', 'organisation number')
    .requiredOption('--name <name>')
    .requiredOption('--kommunenummer <nnnn>')
    .option('--id <fiksOrgId>', 'Fiks organisation id (default: a new UUID)')
    .action(async (options) => {
      await withStore(create, options, async (store) => {
        const organisasjon = await store.createOrganisation({
          orgnr: options.orgnr,
          navn: options.name,
          kommunenummer: options.kommunenummer,
          ...(options.id !== undefined && { fiksOrgId: options.id }),
        });
        const adminnokkel = await store.newAdminCredential(organisasjon.fiksOrgId);
        console.error(`Organisation ${organisasjon.fiksOrgId} registered. Its admin credential is shown only now.`);
        return { organisasjon, adminnokkel };
      });
    });
  const list = databaseCommand('list').description('List organisations').action(async (options) => {
    await withStore(list, options, (store) => store.listOrganisations());
  });
  const newCredential = databaseCommand('new-credential')
    .description("Replace an organisation's admin credential (the old one stops working)")
    .argument('<fiksOrgId>')
    .action(async (fiksOrgId, options) => {
      await withStore(newCredential, options, async (store) => ({
        fiksOrgId,
        adminnokkel: found(await store.newAdminCredential(fiksOrgId), 'no organisation with this id'),
      }));
    });
  return new Command('org').description('Organisations (municipalities)').addCommand(create).addCommand(list).addCommand(newCredential);
}

function roleCommands() {
  const create = orgCommand('create')
    .description('Create a role (what a fagsystem may fetch); prints it with its id, the rolleId of proxy URLs')
    .requiredOption('--name <navn>')
    .addOption(new Option('--tjenesteomrade <område>').choices(TJENESTEOMRADER).makeOptionMandatory())
    .addOption(new Option('--bruksomrade <område...>', 'one or more').choices(BRUKSOMRADER).makeOptionMandatory())
    .option('--part <part...>', 'parts: person-basis, historikk, identitetsgrunnlag-utvidet, relasjon-utvidet')
    .option('--opplysning <element...>', 'single elements, e.g. navn bostedsadresse')
    .option('--taushetsbelagt', 'may fetch confidential data (upstream: offentlig med hjemmel)')
    .option('--sokeside', 'usable on the search page (kanBrukesPaSokeside)')
    .addOption(new Option('--gyldighet <felt...>', 'where the role is valid (default: api, and soekWeb with --sokeside)').choices(GYLDIGHET_FIELDS))
    .addOption(new Option('--gradert-adresse <policy>', 'graded addresses: show, or hide unless asked for').choices(['vis', 'skjul'] as const))
    .option('--description <text>')
    .option('--tag <tagg...>')
    .option('--id <rolleId>', 'role id (default: a new UUID)')
    .action(async (options) => {
      await withStore(create, options, (store) => {
        const input: NewRole = {
          navn: options.name,
          tjenesteOmrade: options.tjenesteomrade,
          bruksomrader: options.bruksomrade,
          dataminimering: { parts: options.part ?? [], opplysninger: options.opplysning ?? [] },
          kanHenteTaushetsbelagtInfo: options.taushetsbelagt ?? false,
          kanBrukesPaSokeside: options.sokeside ?? false,
          ...(options.gyldighet !== undefined && { gyldighet: gyldighet(options.gyldighet) }),
          ...(options.gradertAdresse !== undefined && { gradertAdresse: options.gradertAdresse }),
          ...(options.description !== undefined && { beskrivelse: options.description }),
          ...(options.tag !== undefined && { tagger: options.tag }),
          ...(options.id !== undefined && { id: options.id }),
        };
        return store.createRole(options.org, input);
      });
    });
  const list = orgCommand('list').description("List the organisation's roles").action(async (options) => {
    await withStore(list, options, (store) => store.listRoles(options.org));
  });
  const show = orgCommand('show')
    .description('Show a role and who holds it')
    .argument('<rolleId>')
    .action(async (rolleId, options) => {
      await withStore(show, options, async (store) => {
        const role = found(await store.getRole(options.org, rolleId), UNKNOWN_ROLE);
        return { ...role, tilganger: await store.grantsForRole(options.org, rolleId) };
      });
    });
  const activation = (name: 'activate' | 'deactivate') => {
    const command = orgCommand(name)
      .description(name === 'activate' ? 'Activate a role' : 'Deactivate a role (the proxy refuses it until activated)')
      .argument('<rolleId>')
      .action(async (rolleId, options) => {
        await withStore(command, options, async (store) =>
          found(await store.setRoleActive(options.org, rolleId, name === 'activate'), UNKNOWN_ROLE),
        );
      });
    return command;
  };
  const remove = orgCommand('delete')
    .description('Delete a role and its grants')
    .argument('<rolleId>')
    .action(async (rolleId, options) => {
      await withStore(remove, options, async (store) => {
        found(await store.deleteRole(options.org, rolleId), UNKNOWN_ROLE);
        console.error(`Role ${rolleId} deleted.`);
      });
    });
  return new Command('role')
    .description('Roles of an organisation')
    .addCommand(create)
    .addCommand(list)
    .addCommand(show)
    .addCommand(activation('activate'))
    .addCommand(activation('deactivate'))
    .addCommand(remove);
}

/** `--gyldighet api asynkron`: the named fields true, the others false. */
function gyldighet(fields: readonly (typeof GYLDIGHET_FIELDS)[number][]): Gyldighet {
  return Object.fromEntries(GYLDIGHET_FIELDS.map((field) => [field, fields.includes(field)])) as unknown as Gyldighet;
}

function integrationCommands() {
  const create = orgCommand('create')
    .description('Create an integration; prints its id and password (shown once)')
    .requiredOption('--name <navn>')
    .requiredOption('--authorised-orgnr <orgnr>', "the organisation whose Maskinporten tokens may use it (usually the vendor's)")
    .option('--description <text>')
    .option('--id <integrasjonId>', 'integration id (default: a new UUID)')
    .action(async (options) => {
      await withStore(create, options, async (store) => {
        const { integration, password } = await store.createIntegration({
          fiksOrgId: options.org,
          navn: options.name,
          autorisertOrgnr: options.authorisedOrgnr,
          ...(options.description !== undefined && { beskrivelse: options.description }),
          ...(options.id !== undefined && { id: options.id }),
        });
        console.error(`Integration ${integration.id} created. Its password is shown only now.`);
        return { ...integration, passord: password };
      });
    });
  const list = orgCommand('list').description("List the organisation's integrations").action(async (options) => {
    await withStore(list, options, (store) => store.listIntegrations(options.org));
  });
  const newPassword = orgCommand('new-password')
    .description('Give an integration a new password; the old one stops working at once')
    .argument('<integrasjonId>')
    .action(async (integrationId, options) => {
      await withStore(newPassword, options, async (store) => ({
        id: integrationId,
        passord: found(await store.newPassword(options.org, integrationId), UNKNOWN_INTEGRATION),
      }));
    });
  const remove = orgCommand('delete')
    .description('Delete an integration and its grants')
    .argument('<integrasjonId>')
    .action(async (integrationId, options) => {
      await withStore(remove, options, async (store) => {
        found(await store.deleteIntegration(options.org, integrationId), UNKNOWN_INTEGRATION);
        console.error(`Integration ${integrationId} deleted.`);
      });
    });
  return new Command('integration')
    .description('Integrations (id + password for a fagsystem)')
    .addCommand(create)
    .addCommand(list)
    .addCommand(newPassword)
    .addCommand(remove);
}

function grantCommands() {
  const change = (name: 'add' | 'remove') => {
    const command = orgCommand(name)
      .description(name === 'add' ? 'Give an integration or a person access to a role' : "Remove an integration's or a person's access to a role")
      .requiredOption('--role <rolleId>')
      .argument('<aktor>', 'an integration id of the organisation, or a fødselsnummer')
      .action(async (aktor, options) => {
        await withStore(command, options, async (store) => {
          if (name === 'add') found(await store.grant(options.org, options.role, aktor), UNKNOWN_ROLE);
          else found(await store.revoke(options.org, options.role, aktor), 'the aktør holds no grant on this role');
          return store.grantsForRole(options.org, options.role);
        });
      });
    return command;
  };
  const list = orgCommand('list')
    .description('Who holds a role')
    .requiredOption('--role <rolleId>')
    .action(async (options) => {
      await withStore(list, options, async (store) => found(await store.grantsForRole(options.org, options.role), UNKNOWN_ROLE));
    });
  return new Command('grant').description('Grants: integration or person ↔ role').addCommand(change('add')).addCommand(change('remove')).addCommand(list);
}
