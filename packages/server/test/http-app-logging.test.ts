import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('the request log never shows an identity number: not in the URL, not in an unexpected error', async () => {
  const script = fileURLToPath(new URL('./fixtures/logging-app.ts', import.meta.url));
  const { stdout, stderr } = await run(process.execPath, ['--conditions=folkeport-source', '--import', 'tsx', script], { timeout: 60_000 });
  assert.equal(stderr.trim(), 'status 500');
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; err?: { message: string; stack: string }; req?: { url: string } });
  const failure = lines.find((line) => line.msg === 'unexpected error');
  assert.ok(failure?.err, stdout);
  assert.equal(failure.err.message, 'Unexpected token in the document of "***********"');
  assert.match(failure.err.stack, /\*{11}/);
  assert.ok(lines.some((line) => line.req?.url === '/persons/***********'), 'the request is logged, redacted');
  assert.ok(!stdout.includes('12345678901'), stdout);
});
