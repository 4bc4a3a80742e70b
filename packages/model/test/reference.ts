import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, three levels above this file (packages/model/test). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Absolute path inside the shared reference folder (read-only material next to the repository).
 * `FOLKEPORT_SHARED` overrides the default `<repo>/../shared`.
 */
export function sharedPath(...segments: string[]): string {
  return resolve(process.env.FOLKEPORT_SHARED ?? resolve(repoRoot, '..', 'shared'), ...segments);
}
