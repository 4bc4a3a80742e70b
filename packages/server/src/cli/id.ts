import { Command, Option } from '@commander-js/extra-typings';
import {
  IdGenerationError,
  analyseIdNumber,
  analyseOrganisasjonsnummer,
  createIdGenerator,
  type IdNumberAnalysis,
  type IdNumberOptions,
  type OrganisasjonsnummerAnalysis,
} from '@folkeport/identity';
import { countParser, parseDate, parseSeed } from './arguments.js';

/** Largest --generate count: plenty for test data, small enough to finish in seconds. */
const MAX_GENERATE = 100_000;

/** Exit codes: 0 all valid / generated, 1 some number is invalid, 2 the command could not run as asked. */
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

/** `folkeport id`: validate and decode identity numbers or organisasjonsnumre, or generate them. */
export function idCommand() {
  const command = new Command('id')
    .description(
      'Validate and decode fødselsnummer, D-, H- and FH-nummer (organisasjonsnummer with --org), or generate them',
    )
    .addHelpText('after', '\nExit code: 0 when every number is valid, 1 when any is invalid, 2 on bad usage.')
    .argument('[numbers...]', 'numbers to check')
    .option('--json', 'print JSON instead of text')
    .option('--org', 'the numbers are organisasjonsnumre (with --generate: generate organisasjonsnumre)')
    .addOption(
      new Option('--plus40 <reading>', 'read month + 40 as an H-nummer or as a NAV synthetic number')
        .choices(['hNummer', 'nav'] as const)
        .default('hNummer' as const),
    )
    .option('--classic-only', 'reject numbers whose check digit 1 is valid only under the 2032 rule')
    .option('--generate <count>', `generate COUNT unique numbers (1–${MAX_GENERATE})`, countParser(MAX_GENERATE))
    .option('--born <date>', 'birth date of generated numbers, YYYY-MM-DD (default: random 1900–2025)', parseDate)
    .addOption(
      new Option('--kind <kind>', 'kind of generated numbers (default foedselsnummer)').choices([
        'foedselsnummer',
        'dNummer',
        'hNummer',
        'fhNummer',
      ] as const),
    )
    .addOption(
      new Option('--gender <gender>', 'gender of generated numbers (default: random)').choices(['kvinne', 'mann'] as const),
    )
    .option('--synthetic', 'generate Tenor synthetic numbers, month + 80 (the default for fødselsnummer and D-nummer)')
    .option('--no-synthetic', 'generate real-format numbers, which may belong to real people')
    .addOption(
      new Option('--rule <rule>', 'check-digit rule of generated numbers (default classic)').choices([
        'classic',
        '2032',
      ] as const),
    )
    .option('--seed <seed>', 'seed for generation, an integer 0–4294967295 (default 0)', parseSeed)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action((numbers, options) => {
      const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: EXIT_USAGE });
      const validation: IdNumberOptions = { plus40: options.plus40, allow2032Rule: !options.classicOnly };
      const generationFlags = (['born', 'kind', 'gender', 'synthetic', 'rule', 'seed'] as const).filter(
        (flag) => options[flag] !== undefined,
      );

      if (options.generate === undefined) {
        if (numbers.length === 0) fail('give numbers to check, or --generate COUNT');
        if (generationFlags.length > 0) fail(`--${generationFlags[0]} only applies with --generate`);
        const analyses = options.org
          ? numbers.map((n) => analyseOrganisasjonsnummer(n))
          : numbers.map((n) => analyseIdNumber(n, validation));
        console.log(options.json ? JSON.stringify(analyses.map(toJson), null, 2) : analyses.map(toText).join('\n\n'));
        if (analyses.some((analysis) => !analysis.valid)) process.exitCode = EXIT_INVALID;
        return;
      }

      if (numbers.length > 0) fail('give numbers to check or --generate COUNT, not both');
      if (options.org && generationFlags.some((flag) => flag !== 'seed')) {
        fail('organisasjonsnumre are generated with --seed only');
      }
      const generator = createIdGenerator({ seed: options.seed });
      const generated: string[] = [];
      try {
        for (let i = 0; i < options.generate; i++) {
          generated.push(
            options.org
              ? generator.nextOrganisasjonsnummer()
              : generator.next({
                  kind: options.kind,
                  birthDate: options.born,
                  gender: options.gender,
                  synthetic: options.synthetic,
                  rule: options.rule,
                }),
          );
        }
      } catch (error) {
        if (error instanceof IdGenerationError) fail(error.message);
        throw error;
      }
      if (!options.json) console.log(generated.join('\n'));
      else {
        const analyse = (n: string) => (options.org ? analyseOrganisasjonsnummer(n) : analyseIdNumber(n, validation));
        console.log(JSON.stringify(generated.map((n) => toJson(analyse(n))), null, 2));
      }
    });
  return command;
}

type Analysis = IdNumberAnalysis | OrganisasjonsnummerAnalysis;

function isIdAnalysis(analysis: Analysis): analysis is IdNumberAnalysis {
  return 'kind' in analysis;
}

/** Error codes in `errors`, their texts in `messages`, the rest as the library reports it. */
function toJson(analysis: Analysis) {
  const { errors, ...rest } = analysis;
  return { ...rest, errors: errors.map((e) => e.code), messages: errors.map((e) => e.message) };
}

const KIND_NAMES = { foedselsnummer: 'fødselsnummer', dNummer: 'D-nummer', hNummer: 'H-nummer', fhNummer: 'FH-nummer' };
const SCHEME_NAMES = { tenor: 'synthetic (Tenor, month + 80)', nav: 'synthetic (NAV, month + 40)' };

function toText(analysis: Analysis): string {
  const lines = [`${analysis.input}: ${analysis.valid ? 'valid' : 'invalid'}`];
  if (isIdAnalysis(analysis)) {
    const { kind, syntheticScheme, birthDateCandidates, gender, checkDigitRule } = analysis;
    const scheme = syntheticScheme ? `, ${SCHEME_NAMES[syntheticScheme]}` : '';
    if (kind) lines.push(`  kind:         ${KIND_NAMES[kind]}${scheme}`);
    if (analysis.valid && kind !== 'fhNummer') {
      const ambiguous = birthDateCandidates.length > 1 ? ' (century ambiguous)' : '';
      lines.push(`  birth date:   ${birthDateCandidates.join(' or ')}${ambiguous}`);
      lines.push(`  gender:       ${gender ?? 'not encoded (2032 rule)'}`);
    }
    if (checkDigitRule) lines.push(`  check digits: ${checkDigitRule} rule`);
    for (const { message } of analysis.ambiguities) lines.push(`  note: ${message}`);
  }
  for (const { code, message } of analysis.errors) lines.push(`  error (${code}): ${message}`);
  return lines.join('\n');
}
