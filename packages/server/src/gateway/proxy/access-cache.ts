/**
 * What the proxy reads per request — the integration, its password hash, the role and its organisation
 * (`GatewayStore.proxyAccess`) — kept in memory, so a proxied lookup costs no configuration query (a database
 * round trip was a fifth of the gateway's work per lookup; bench/RESULTS.md, "Gateway").
 *
 * Changes still take effect at once: every change this process makes clears the cache
 * (configuration-changes.ts), and on PostgreSQL every change any process commits does too, through NOTIFY on a
 * listening connection of its own (gateway-schema.ts). While that connection is down — before it is up, and
 * from a break until it is listening again — nothing is cached and every request reads the store.
 */
import type { GatewayStore, ProxyAccess } from '../gateway-model.js';
import { CONFIGURATION_CHANNEL } from '../gateway-schema.js';
import { onConfigurationChange } from '../configuration-changes.js';
import type { Database, Listening } from '../../store/database.js';

export interface AccessCache {
  proxyAccess(integrationId: string, roleId: string): Promise<ProxyAccess | undefined>;
  close(): Promise<void>;
}

export interface AccessCacheOptions {
  /** Integration–role pairs kept at most (the oldest goes first); default 10 000. */
  size?: number;
  /** Wait before listening again after the connection broke; default 1 000 ms. */
  relistenMs?: number;
}

export async function openAccessCache(db: Database, store: Pick<GatewayStore, 'proxyAccess'>, options: AccessCacheOptions = {}): Promise<AccessCache> {
  const size = options.size ?? 10_000;
  const entries = new Map<string, Promise<ProxyAccess | undefined>>();
  let trusted = db.listen === undefined; // the embedded database: no other process can change it
  let listening: Listening | undefined;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const forget = () => entries.clear();
  const unsubscribe = onConfigurationChange(db, forget);

  const listen = async () => {
    if (closed || !db.listen) return;
    try {
      listening = await db.listen(CONFIGURATION_CHANNEL, forget, () => {
        trusted = false;
        forget();
        listening = undefined;
        retry = setTimeout(() => void listen(), options.relistenMs ?? 1_000).unref();
      });
      if (closed) return void (await listening.stop());
      forget(); // changes made before the connection was listening were not heard
      trusted = true;
    } catch {
      // unref: retrying alone never keeps a process alive.
      retry = setTimeout(() => void listen(), options.relistenMs ?? 1_000).unref();
    }
  };
  await listen();

  return {
    proxyAccess(integrationId, roleId) {
      if (!trusted) return store.proxyAccess(integrationId, roleId);
      const key = `${integrationId} ${roleId}`;
      const known = entries.get(key);
      if (known) return known;
      // Cached before it resolves, so concurrent requests share one read; a change meanwhile clears it.
      const read = store.proxyAccess(integrationId, roleId);
      read.catch(() => entries.get(key) === read && entries.delete(key));
      if (entries.size >= size) entries.delete(entries.keys().next().value as string);
      entries.set(key, read);
      return read;
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      unsubscribe();
      await listening?.stop();
    },
  };
}
