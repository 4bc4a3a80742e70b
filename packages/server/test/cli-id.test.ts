// `folkeport id`, run as a user runs it: through bin/folkeport.js in a child process.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/folkeport.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function folkeport(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('folkeport id', { concurrency: true }, () => {
  it('--json prints one analysis per number and exits 1 when any is invalid', async () => {
    const run = await folkeport('id', '03851598730', '41810021827', '20036914712', '--json');
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    const [fnr, d, invalid] = JSON.parse(run.stdout);
    assert.deepEqual(fnr, {
      input: '03851598730',
      valid: true,
      kind: 'foedselsnummer',
      synthetic: true,
      syntheticScheme: 'tenor',
      birthDate: '2015-05-03',
      birthDateCandidates: ['2015-05-03'],
      gender: 'mann',
      checkDigitRule: 'classic',
      ambiguities: [],
      errors: [],
      messages: [],
    });
    assert.equal(d.kind, 'dNummer');
    assert.equal(d.birthDate, null);
    assert.deepEqual(d.birthDateCandidates, ['1900-01-01', '2000-01-01']);
    assert.deepEqual(d.ambiguities.map((a: { code: string }) => a.code), ['century']);
    assert.equal(invalid.valid, false);
    assert.deepEqual(invalid.errors, ['check-digit-2']);
    assert.deepEqual(invalid.messages, ['check digit 2 (the 11th digit) is 2, expected 9']);
  });

  it('prints readable text and exits 0 when every number is valid', async () => {
    const run = await folkeport('id', '30108299939', '21528704651');
    assert.equal(run.code, 0);
    assert.equal(
      run.stdout,
      [
        '30108299939: valid',
        '  kind:         fødselsnummer',
        '  birth date:   1982-10-30 or 2082-10-30 (century ambiguous)',
        '  gender:       not encoded (2032 rule)',
        '  check digits: 2032 rule',
        '  note: check digit 1 follows the 2032 rule, so the individnummer does not give the century',
        '',
        '21528704651: valid',
        '  kind:         H-nummer',
        '  birth date:   1987-12-21',
        '  gender:       kvinne',
        '  check digits: classic rule',
        "  note: month + 40 is read as an H-nummer; NAV's synthetic numbers (Dolly, Testnorge) look the same (option plus40: 'nav')",
        '',
      ].join('\n'),
    );
  });

  it('--plus40 nav and --classic-only change the reading', async () => {
    const run = await folkeport('id', '21528704651', '30108299939', '--plus40', 'nav', '--classic-only', '--json');
    assert.equal(run.code, 1);
    const [nav, twenty32] = JSON.parse(run.stdout);
    assert.deepEqual([nav.kind, nav.synthetic, nav.syntheticScheme], ['foedselsnummer', true, 'nav']);
    assert.deepEqual(twenty32.errors, ['check-digit-1']);
  });

  it('--org checks organisasjonsnumre', async () => {
    const run = await folkeport('id', '--org', '971032146', '999888999', '--json');
    assert.equal(run.code, 1);
    assert.deepEqual(JSON.parse(run.stdout), [
      { input: '971032146', valid: true, errors: [], messages: [] },
      { input: '999888999', valid: false, errors: ['check-digit'], messages: ['check digit (the 9th digit) is 9, expected 2'] },
    ]);
  });

  it('--generate prints unique numbers, one per line, the same for the same seed', async () => {
    const args = ['id', '--generate', '5', '--born', '1990-05-17', '--gender', 'kvinne', '--synthetic', '--seed', '7'];
    const [first, second] = await Promise.all([folkeport(...args), folkeport(...args)]);
    assert.equal(first.code, 0);
    assert.equal(first.stdout, second.stdout);
    const numbers = first.stdout.trim().split('\n');
    assert.equal(numbers.length, 5);
    assert.equal(new Set(numbers).size, 5);
    assert.ok(numbers.every((n) => /^17859\d{6}$/.test(n) && Number(n[8]) % 2 === 0), numbers.join());
  });

  it('--generate --json prints analyses of D-numbers under the 2032 rule', async () => {
    const run = await folkeport('id', '--generate', '3', '--kind', 'dNummer', '--rule', '2032', '--no-synthetic', '--born', '1970-01-01', '--json');
    assert.equal(run.code, 0);
    const analyses = JSON.parse(run.stdout);
    assert.equal(analyses.length, 3);
    for (const analysis of analyses) {
      assert.equal(analysis.valid, true);
      assert.equal(analysis.kind, 'dNummer');
      assert.equal(analysis.synthetic, false);
      assert.ok(analysis.birthDateCandidates.includes('1970-01-01'));
    }
  });

  it('--org --generate prints organisasjonsnumre', async () => {
    const run = await folkeport('id', '--org', '--generate', '3', '--seed', '1');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^([89]\d{8}\n){3}$/);
  });

  for (const [args, message] of [
    [['--generate', '0'], /Expected a whole number from 1 to 100000/],
    [['--generate', '100001'], /Expected a whole number from 1 to 100000/],
    [['--generate', 'ten'], /Expected a whole number from 1 to 100000/],
    [['--generate', '1', '--born', '1990-02-30'], /Expected a real date as YYYY-MM-DD/],
    [['--generate', '1', '--born', '1850-01-01'], /no fødselsnummer series for birth year 1850/],
    [['--generate', '1', '--seed', '-3'], /SEED must be an integer/],
    [['--generate', '1', '--kind', 'xNummer'], /argument 'xNummer' is invalid. Allowed choices are/],
    [['--generate', '1', '--rule', '2032', '--gender', 'mann'], /gender-neutral/],
    [['--generate', '300', '--born', '2015-05-03', '--gender', 'kvinne'], /all \d+ numbers for fødselsnummer born 2015-05-03 \(synthetic, kvinne, classic rule; individnummer 999–500\) have been issued/],
    [['--generate', '2', '03851598730'], /not both/],
    [['--born', '1990-01-01', '03851598730'], /--born only applies with --generate/],
    [['--org', '--generate', '2', '--kind', 'dNummer'], /organisasjonsnumre are generated with --seed only/],
    [[], /give numbers to check, or --generate COUNT/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ] as const) {
    it(`bad usage ${JSON.stringify(args.join(' '))} exits 2 with a message and no stack trace`, async () => {
      const run = await folkeport('id', ...args);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  }

  it('--help exits 0 and documents the exit codes', async () => {
    const run = await folkeport('id', '--help');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Exit code: 0 when every number is valid, 1 when any is invalid, 2 on bad usage/);
  });
});
