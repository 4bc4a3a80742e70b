/**
 * A fixed pool of worker threads that run one module's task handler. Tasks queue when every worker
 * is busy; results come back as promises. A worker that dies fails its task and is replaced. Only a
 * worker with a task keeps the process alive, so a pool nobody closed does not keep a process from ending.
 */
import { Worker } from 'node:worker_threads';

export interface WorkerPool<In, Out> {
  run(input: In): Promise<Out>;
  close(): Promise<void>;
}

interface Job<In, Out> {
  input: In;
  resolve(output: Out): void;
  reject(error: Error): void;
}

/**
 * `entry` is a module that calls `serveTasks(handler)` (from ./worker-task.js). When it is a `.ts`
 * file (running from source), the worker first registers tsx, which worker threads do not inherit.
 */
export function createWorkerPool<In, Out>(entry: URL, size: number): WorkerPool<In, Out> {
  const queue: Job<In, Out>[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job<In, Out>>();
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Worker;
      const job = queue.shift() as Job<In, Out>;
      busy.set(worker, job);
      worker.ref();
      worker.postMessage(job.input);
    }
  };

  const start = () => {
    const worker = spawn(entry);
    let answered = false;
    let failure: Error | undefined;
    worker.on('message', (message: { ok: true; output: Out } | { ok: false; error: string }) => {
      answered = true;
      const job = busy.get(worker);
      busy.delete(worker);
      worker.unref();
      idle.push(worker);
      if (job) {
        if (message.ok) job.resolve(message.output);
        else job.reject(new Error(message.error));
      }
      dispatch();
    });
    worker.on('error', (error) => {
      failure = error;
      busy.get(worker)?.reject(error);
      busy.delete(worker);
    });
    worker.on('exit', () => {
      const job = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      job?.reject(failure ?? new Error('a worker thread stopped'));
      if (closed) return;
      if (!answered) {
        // A worker that dies before its first answer cannot start (e.g. its module fails to load): stop
        // rather than respawn it forever.
        closed = true;
        for (const queued of queue.splice(0)) queued.reject(failure ?? new Error('a worker thread could not start'));
        return;
      }
      start();
      dispatch();
    });
    worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
    idle.push(worker);
  };

  for (let i = 0; i < size; i++) start();

  return {
    run(input) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise<Out>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      const workers = [...idle, ...busy.keys()];
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * The worker module `name` next to the module at `base` (its `import.meta.url`): TypeScript when running
 * from source, JavaScript when built.
 */
export function siblingModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

function spawn(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}
