import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/folkeport.js', import.meta.url));

function folkeport(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
}

test('folkeport --help lists the commands', () => {
  const result = folkeport('--help');
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Usage: folkeport/);
  assert.match(result.stdout, /\bid\b/);
});

test('folkeport with an unknown command fails with a clear message', () => {
  const result = folkeport('no-such-command');
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /unknown command 'no-such-command'/);
  assert.doesNotMatch(result.stderr, /at .*\.ts:\d+/, 'no stack trace');
});
