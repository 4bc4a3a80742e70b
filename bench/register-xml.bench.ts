// Person documents serialised as XML (personDocumentXml) against JSON.stringify of the same documents, over a
// generated population with the rare cases made common, each encoded to UTF-8 bytes as a response would be
// (the XML writer builds a rope, flattened only then). Prints documents/s and MB/s of output.
// Run: node --conditions=folkeport-source --import tsx bench/register-xml.bench.ts (about 15 s).
import os from 'node:os';
import { Bench } from 'tinybench';
import { personDocumentXml } from '../packages/server/src/register/api/xml.js';
import { generate, MANY_SPECIAL_CASES } from '../packages/server/test/generator-fixture.js';

const documents = generate({ persons: 2000, seed: 7, rates: MANY_SPECIAL_CASES, chunkSize: 1000 }).map((p) => p.document);
const bytes = (render: (document: (typeof documents)[number]) => string) =>
  documents.reduce((sum, document) => sum + Buffer.byteLength(render(document)), 0);

const contenders: [string, (document: (typeof documents)[number]) => string][] = [
  ['personDocumentXml', personDocumentXml],
  ['JSON.stringify (reference)', (document) => JSON.stringify(document)],
];

let sink = 0;
const bench = new Bench({ time: 3000, warmupTime: 1000 });
for (const [name, render] of contenders) {
  bench.add(name, () => {
    for (const document of documents) sink += Buffer.from(render(document)).length;
  });
}
await bench.run();
if (sink === 0) throw new Error('no output');

console.log(`Node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`${documents.length} person documents (full, unprojected)`);
bench.tasks.forEach((task, i) => {
  const result = task.result;
  if (!('throughput' in result)) throw new Error(`${task.name} did not complete: ${result.state}`);
  const [name, render] = contenders[i] as (typeof contenders)[number];
  const perSecond = result.throughput.mean * documents.length;
  const averageBytes = bytes(render) / documents.length;
  console.log(
    `${name.padEnd(28)} ${Math.round(perSecond).toLocaleString('en').padStart(9)} documents/s  ` +
      `${((perSecond * averageBytes) / 1e6).toFixed(0).padStart(4)} MB/s  ${Math.round(averageBytes).toLocaleString('en')} bytes/document  ±${result.throughput.rme.toFixed(2)} %`,
  );
});
