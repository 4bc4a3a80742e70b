/**
 * An exclusive lock on a data directory, held by one process at a time. PGlite does not notice a second
 * process opening the same directory, and two writers would corrupt it, so `openDatabase` takes this lock
 * first. The lock file holds the owner's process id; a lock whose owner no longer runs is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'folkeport.lock';

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (isRunning(owner)) {
        throw new Error(`it is already open in Folkeport process ${owner}; stop that process first`);
      }
      rmSync(path, { force: true }); // left behind by a process that has ended
    }
  }
  throw new Error('could not lock the data directory');
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}
