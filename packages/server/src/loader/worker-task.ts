/** The worker side of ./worker-pool.ts: answer each message with the handler's result or its error. */
import { parentPort } from 'node:worker_threads';

export function serveTasks<In, Out>(handler: (input: In) => Out): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (input: In) => {
    try {
      port.postMessage({ ok: true, output: handler(input) });
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
