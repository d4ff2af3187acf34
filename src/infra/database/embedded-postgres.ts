import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded default: PGlite (PostgreSQL compiled to WASM) run in-process and served on a
 * loopback Postgres wire-protocol socket, so the ordinary `pg` driver, the same entities and
 * the same migrations serve both this and a real PostgreSQL.
 *
 * PGlite is single-session: the socket server accepts one connection at a time, so the pool
 * that talks to it must have exactly one connection (a larger pool loses queries).
 */
export interface EmbeddedPostgres {
  readonly url: string;
  readonly poolSize: 1;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const inMemory = dataDir.startsWith('memory://');
  let dir: string | undefined;
  if (!inMemory) {
    dir = resolve(dataDir, 'pg');
    await mkdir(dir, { recursive: true });
  }
  const db = inMemory ? await PGlite.create() : await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    poolSize: 1,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
