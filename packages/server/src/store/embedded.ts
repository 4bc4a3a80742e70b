/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) keeping its files in
 * `<dataDir>/pgdata`, served over the PostgreSQL wire protocol on a private unix socket so that the
 * same `pg` + Kysely code path serves it and a real PostgreSQL server.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

/** Port number in the socket's file name (`.s.PGSQL.<port>`), which is how `pg` finds a unix socket. */
const SOCKET_PORT = 5432;

export interface EmbeddedServer {
  /** Directory holding the socket: `pg`'s `host`. */
  socketDir: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Opens (or creates) the PGlite database in `dataDir` and serves it on a unix socket in a fresh
 * private (0700) temporary directory, so no other user can connect and nothing listens on the network.
 */
export async function startEmbedded(dataDir: string): Promise<EmbeddedServer> {
  const root = resolve(dataDir);
  let lock: DataDirLock | undefined;
  let pglite: PGlite | undefined;
  let socketDir: string | undefined;
  try {
    mkdirSync(root, { recursive: true, mode: 0o700 });
    lock = lockDataDir(root);
    pglite = await PGlite.create({ dataDir: join(root, 'pgdata') });
    socketDir = mkdtempSync(join(tmpdir(), 'folkeport-'));
    const server = new PGLiteSocketServer({ db: pglite, path: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) });
    await server.start();
    const opened = { pglite, socketDir, lock };
    return {
      socketDir,
      port: SOCKET_PORT,
      async stop() {
        try {
          await server.stop();
          await opened.pglite.close();
        } finally {
          rmSync(opened.socketDir, { recursive: true, force: true });
          opened.lock.release();
        }
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    lock?.release();
    throw new Error(`could not open the embedded database in ${root}: ${(error as Error).message}`, { cause: error });
  }
}
