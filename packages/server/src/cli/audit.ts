/**
 * `folkeport audit verify` checks the audit log's hash chain; `folkeport audit innsyn <identifier>` shows who
 * received a person's data (docs/audit.md). Neither prints an identity number.
 */
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { INNSYN_EXEMPT_PACKAGES, openAuditLog, type AccessRecord, type AuditLog, type ChainAnchor } from '../audit/audit-log.js';
import { redactIdentityNumbers } from '../http/redact.js';
import { openDatabase } from '../store/database.js';
import { databaseSource, databaseUrlOption, dataDirOption, describeSource } from './database-options.js';

/** Exit codes: 0 done (verify: intact), 1 verify found tampering, 2 the command could not run as asked. */
const EXIT_TAMPERED = 1;
const EXIT_USAGE = 2;

interface DatabaseFlags {
  dataDir?: string;
  databaseUrl?: string;
}

type Fail = (message: string) => never;

export function auditCommand() {
  return new Command('audit')
    .description('The audit log of every lookup: check its hash chain, show who looked a person up')
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .addCommand(verifyCommand())
    .addCommand(innsynCommand());
}

function verifyCommand() {
  const command = new Command('verify')
    .description('Recompute the hash chain and check the person index; report the first bad entry')
    .addHelpText(
      'after',
      '\nAn intact log prints its head (sequence number and hash). Keep it outside the database and pass it back' +
        '\nwith --anchor: a log rewritten or cut short up to that entry is then found too.' +
        '\nExit code: 0 intact, 1 tampered (the first bad sequence number is printed), 2 on bad usage.',
    )
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .option('--anchor <sequence:hash>', 'a head printed by an earlier verify', parseAnchor)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      const fail: Fail = (message) => command.error(`error: ${message}`, { exitCode: EXIT_USAGE });
      const result = await withAuditLog(options, fail, (log) => log.verify(options.anchor ? { anchor: options.anchor } : {}));
      if (result.ok) {
        const head = result.head ? `; head ${result.head.sequence}:${result.head.hash}` : '';
        console.log(`Audit log intact: ${result.entries} entries${head}`);
        return;
      }
      console.log(`Audit log TAMPERED: first bad entry is sequence ${result.firstBadSequence}: ${result.reason}`);
      process.exitCode = EXIT_TAMPERED;
    });
  return command;
}

function innsynCommand() {
  const command = new Command('innsyn')
    .description("Who received a person's data, newest first (the citizen's right of insight)")
    .argument('<identifier>', 'the folkeregisteridentifikator (11 digits)')
    .addHelpText(
      'after',
      `\nLookups through ${INNSYN_EXEMPT_PACKAGES.join(', ')} are outside the right of insight (folkeregisterloven` +
        ' § 10-1 (3)) and left out unless --all is given.',
    )
    .option('--json', 'print JSON instead of text')
    .option('--all', 'also list lookups outside the right of insight (marked)')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (identifier, options) => {
      const fail: Fail = (message) => command.error(`error: ${message}`, { exitCode: EXIT_USAGE });
      if (!/^\d{11}$/.test(identifier)) fail('the identifier must be 11 digits');
      const records = await withAuditLog(options, fail, (log) => log.forPerson(identifier, { includeExempt: options.all === true }));
      if (options.json) console.log(JSON.stringify(records, null, 2));
      else console.log(formatRecords(records));
    });
  return command;
}

/** Opens the log in the named database, runs `work`, closes it again; a missing data directory is not created. */
async function withAuditLog<T>(flags: DatabaseFlags, fail: Fail, work: (log: AuditLog) => Promise<T>): Promise<T> {
  const source = databaseSource(flags);
  if ('dataDir' in source && !existsSync(source.dataDir)) fail(`there is no database at ${describeSource(source)}`);
  const db = await openDatabase(source).catch((error: Error) => fail(error.message));
  let outcome: { value: T } | { error: Error };
  try {
    outcome = { value: await work(await openAuditLog(db)) };
  } catch (error) {
    outcome = { error: error as Error };
  }
  await db.close(); // before failing: the failure exits the process
  if ('error' in outcome) return fail(redactIdentityNumbers(outcome.error.message));
  return outcome.value;
}

function formatRecords(records: readonly AccessRecord[]): string {
  if (records.length === 0) return 'No recorded lookups of this person.';
  const lines = records.map((record) =>
    [
      record.time.toISOString(),
      `consumer ${record.consumerOrg}`,
      ...(record.supplierOrg !== undefined ? [`supplier ${record.supplierOrg}`] : []),
      `package ${record.package}${record.exempt ? ' (outside the right of insight)' : ''}`,
      record.service === 'register' ? record.action : `${record.service} ${record.action}`,
      `elements: ${record.elements.join(', ') || '(none)'}`,
    ].join('  '),
  );
  return [`${records.length} lookup${records.length === 1 ? '' : 's'}, newest first:`, ...lines].join('\n');
}

function parseAnchor(value: string): ChainAnchor {
  const match = /^(\d+):([0-9a-fA-F]{64})$/.exec(value);
  const sequence = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(sequence) || sequence < 1) {
    throw new InvalidArgumentError('Expected SEQUENCE:HASH as printed by an intact verify (a 64-digit hex SHA-256).');
  }
  return { sequence, hash: (match[2] as string).toLowerCase() };
}
