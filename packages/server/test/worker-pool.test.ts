import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createWorkerPool } from '../src/threads/worker-pool.js';

const run = promisify(execFile);

test('a worker pool runs queued tasks on its workers and keeps going after a task fails', async () => {
  const pool = createWorkerPool<number, number>(new URL('./fixtures/square-worker.ts', import.meta.url), 2);
  try {
    assert.deepEqual(await Promise.all([1, 2, 3, 4, 5].map((n) => pool.run(n))), [1, 4, 9, 16, 25]);
    await assert.rejects(pool.run(-2), /cannot square -2/);
    assert.equal(await pool.run(6), 36);
  } finally {
    await pool.close();
  }
  await assert.rejects(pool.run(1), /the worker pool is closed/);
});

test('a worker module that cannot load fails the tasks instead of being restarted forever', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'folkeport-pool-'));
  const broken = join(dir, 'broken-worker.mjs');
  writeFileSync(broken, 'throw new Error("cannot load");\n');
  const pool = createWorkerPool<number, number>(pathToFileURL(broken), 2);
  try {
    await assert.rejects(Promise.all([pool.run(1), pool.run(2), pool.run(3)]), /cannot load/);
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker can move the buffers of its answer to the caller instead of copying them', async () => {
  const pool = createWorkerPool<number, Uint8Array>(new URL('./fixtures/bytes-worker.ts', import.meta.url), 1);
  try {
    const answers = await Promise.all([3, 5].map((n) => pool.run(n)));
    assert.deepEqual(answers.map((bytes) => [...bytes]), [[3, 3, 3], [5, 5, 5, 5, 5]]);
  } finally {
    await pool.close();
  }
});

test('idle workers do not keep the process alive: a script that never closes its pool still ends', async () => {
  const script = fileURLToPath(new URL('./fixtures/unclosed-pool.ts', import.meta.url));
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { timeout: 60_000 });
  assert.equal(stdout, '49\n');
});
