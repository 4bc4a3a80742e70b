// Load generation for the HTTP benchmarks: N keep-alive connections from a worker thread (its own event loop, so
// the server under test does not share it), each sending requests back to back for a bounded time, to 127.0.0.1.
import { Worker } from 'node:worker_threads';

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** N keep-alive connections in a worker thread, each sending requests back to back for `seconds`. */
export function load(options: { base: string; paths: string[]; headers: Record<string, string>; concurrency: number; seconds: number; method?: string; body?: string }): Promise<LoadResult> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    const { base, paths, headers, concurrency, seconds, method, body } = workerData;
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const latencies = []; let errors = 0; const end = Date.now() + seconds * 1000;
    const one = (path) => new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const request = http.request(base + path, { method, headers, agent }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          if (response.statusCode !== 200) errors++;
          resolve();
        });
      });
      request.on('error', () => { errors++; resolve(); });
      request.end(body);
    });
    const loop = async (i) => { let k = i * 7919; while (Date.now() < end) await one(paths[k++ % paths.length]); };
    const started = Date.now();
    Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i))).then(() => {
      agent.destroy();
      parentPort.postMessage({ latencies, errors, ms: Date.now() - started });
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { method: 'GET', body: undefined, ...options } });
    worker.once('error', reject);
    worker.once('message', ({ latencies, errors, ms }: { latencies: number[]; errors: number; ms: number }) => {
      const sorted = latencies.sort((a, b) => a - b);
      const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN).toFixed(2));
      resolve({ requests: sorted.length, errors, perSecond: Math.round((sorted.length * 1000) / ms), p50: at(0.5), p99: at(0.99) });
      void worker.terminate();
    });
  });
}

