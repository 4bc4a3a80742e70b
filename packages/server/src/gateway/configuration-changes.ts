/**
 * Configuration changes made by this process, announced per database. The proxy's access cache
 * (proxy/access-cache.ts) forgets what it knows on each; changes made by other processes reach it through
 * PostgreSQL's NOTIFY instead (gateway-schema.ts). The embedded database needs nothing more: one process at a
 * time can open it.
 */
import type { Database } from '../store/database.js';

const listeners = new WeakMap<Database, Set<() => void>>();

export function announceConfigurationChange(db: Database): void {
  for (const listener of listeners.get(db) ?? []) listener();
}

/** Calls `listener` after every change this process makes to the configuration in `db`; returns the unsubscribe. */
export function onConfigurationChange(db: Database, listener: () => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
