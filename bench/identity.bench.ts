// Validations per second: Folkeport's boolean check against the two most used npm validators,
// over one mixed input set in the same run. Goal: at least 2× the fastest competitor.
// Run: npm run bench (about 10 s).
import os from 'node:os';
import { Bench } from 'tinybench';
import { idnr } from '@navikt/fnrvalidator';
import { validateNorwegianIdNumber } from 'norwegian-national-id-validator';
import { createIdGenerator, isValidIdNumber } from '@folkeport/identity';

const PER_GROUP = 1000;
const generator = createIdGenerator({ seed: 2026 });
const group = (make: () => string, length = PER_GROUP) => Array.from({ length }, make);

// A deterministic stream of 11-digit strings for the invalid group (most fail the check digits).
let state = 7;
const randomDigits = () =>
  Array.from({ length: 11 }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return String(state % 10);
  }).join('');

const inputs = [
  ...group(() => generator.next({ kind: 'foedselsnummer', synthetic: false })),
  ...group(() => generator.next({ kind: 'dNummer', synthetic: false })),
  ...group(() => generator.next({ kind: 'foedselsnummer', synthetic: true }), PER_GROUP / 2),
  ...group(() => generator.next({ kind: 'dNummer', synthetic: true }), PER_GROUP / 2),
  ...group(randomDigits),
];

const contenders: [string, (input: string) => boolean][] = [
  ['Folkeport isValidIdNumber', (input) => isValidIdNumber(input)],
  ['@navikt/fnrvalidator idnr', (input) => idnr(input).status === 'valid'],
  ['norwegian-national-id-validator', (input) => validateNorwegianIdNumber(input)],
];

let sink = 0;
const bench = new Bench({ time: 2000, warmupTime: 500 });
for (const [name, isValid] of contenders) {
  bench.add(name, () => {
    for (const input of inputs) if (isValid(input)) sink++;
  });
}
await bench.run();

const rows = bench.tasks.map((task, i) => {
  const result = task.result;
  if (!('throughput' in result)) throw new Error(`${task.name} did not complete: ${result.state}`);
  const isValid = contenders[i]?.[1] ?? (() => false);
  return {
    name: task.name,
    accepted: inputs.filter((input) => isValid(input)).length,
    perSecond: result.throughput.mean * inputs.length,
    rme: result.throughput.rme,
  };
});
const [ours, ...competitors] = rows;
if (!ours || sink === 0) throw new Error('no results');
const fastestCompetitor = Math.max(...competitors.map((row) => row.perSecond));

console.log(`Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`${inputs.length} inputs: ${PER_GROUP} each of fnr, D-nummer, synthetic (half of them D), random 11 digits`);
console.table(
  rows.map((row) => ({
    validator: row.name,
    accepts: `${row.accepted} of ${inputs.length}`,
    'validations/s': Math.round(row.perSecond).toLocaleString('en-US'),
    '± %': row.rme.toFixed(2),
    'vs fastest competitor': `${(row.perSecond / fastestCompetitor).toFixed(2)}×`,
  })),
);
const ratio = ours.perSecond / fastestCompetitor;
console.log(`Folkeport is ${ratio.toFixed(2)}× the fastest competitor (goal ≥ 2×): ${ratio >= 2 ? 'met' : 'NOT met'}`);
