#!/usr/bin/env node
// The `folkeport` command. It runs the CLI straight from the TypeScript sources through tsx,
// so `npx folkeport` works right after `npm ci` with no build step. The workspace packages
// resolve to their sources through the `folkeport-source` export condition.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tsx = import.meta.resolve('tsx');
const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const child = spawn(
  process.execPath,
  ['--conditions=folkeport-source', '--import', tsx, main, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
