/** The worker side of ./worker-pool.ts: answer each message with the handler's result or its error. */
import { parentPort, type TransferListItem } from 'node:worker_threads';

/**
 * `transfer` names buffers of the result to move to the main thread instead of copying them; the worker
 * must not use them afterwards.
 */
export function serveTasks<In, Out>(handler: (input: In) => Out, transfer?: (output: Out) => TransferListItem[]): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  port.on('message', (input: In) => {
    let output: Out;
    try {
      output = handler(input);
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    port.postMessage({ ok: true, output }, transfer?.(output));
  });
}
