import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { throwAwayDataDir, throwAwayPostgres, type ThrowAway } from './databases.js';

const bin = fileURLToPath(new URL('../bin/folkeport.js', import.meta.url));

function folkeport(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`folkeport generate and stats (${kind})`, () => {
    let target: ThrowAway;
    let where: string[];
    before(async () => {
      target = kind === 'pglite' ? throwAwayDataDir() : await throwAwayPostgres();
      where = 'dataDir' in target.options ? ['--data-dir', target.options.dataDir] : ['--database-url', target.options.databaseUrl];
    });
    after(async () => target.remove());

    it('generates a population, then stats reports it as JSON', async () => {
      const generated = await folkeport('generate', '--persons', '400', '--seed', '3', '--kommuner', '0301', ...where);
      assert.equal(generated.code, 0, generated.stderr);
      assert.match(generated.stdout, /Loaded \d+ persons \(400 residents requested, seed 3\)/);

      const stats = await folkeport('stats', '--json', ...where);
      assert.equal(stats.code, 0, stats.stderr);
      const report = JSON.parse(stats.stdout);
      assert.ok(report.persons > 400, 'residents plus deceased, emigrated and others');
      assert.ok(Math.abs(report.residents - 400) <= 4, `about 400 residents, got ${report.residents}`);
      assert.deepEqual(Object.keys(report.kommuneShare), ['0301']);
      assert.equal(report.kommuneShare['0301'], 1);
      assert.ok(Math.abs(report.sexShare.mann + report.sexShare.kvinne - 1) < 1e-9);
      assert.equal(report.statusCounts.bosatt, report.residents);
    });

    it('refuses another population in the same store, and says how to replace it', async () => {
      const again = await folkeport('generate', '--persons', '400', '--seed', '4', '--kommuner', '0301', ...where);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already holds a population generated with seed 3/);
      assert.match(again.stderr, /--replace/);
      assert.doesNotMatch(again.stderr, /\n\s+at /);
    });
  });
}

describe('folkeport stats without a register', () => {
  it('says there is nothing to report and creates nothing', async () => {
    const dir = throwAwayDataDir();
    const missing = `${dir.options.dataDir}/none`;
    try {
      const run = await folkeport('stats', '--data-dir', missing);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /The store at .*none holds no persons: generate a population first/);
      assert.equal(existsSync(missing), false);
    } finally {
      await dir.remove();
    }
  });
});

describe('folkeport generate rejects bad options', () => {
  for (const [args, message] of [
    [['--persons', '0'], /Expected a whole number/],
    [['--persons', '10', '--kommuner', '03x1'], /4-digit kommunenummer/],
    [['--persons', '10', '--kommuner', '9999'], /9999/],
    [['--persons', '10', '--as-of', '2024-13-01'], /Expected a real date/],
    [[], /required option '--persons <n>' not specified/],
  ] as const) {
    it(`${JSON.stringify(args.join(' '))} exits 2 with a clear message`, async () => {
      const dir = throwAwayDataDir();
      try {
        const run = await folkeport('generate', ...args, '--data-dir', dir.options.dataDir);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, message);
        assert.doesNotMatch(run.stderr, /\n\s+at /);
      } finally {
        await dir.remove();
      }
    });
  }
});
