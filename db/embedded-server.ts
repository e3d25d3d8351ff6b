// The embedded default database: PGlite served over the Postgres wire protocol, so the Worker and
// the tests use the same postgres.js driver they use against a real server (Node only).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { startSerialProxy } from './serial-proxy';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** dataDir undefined = in memory (tests); port 0 = any free port. */
export async function startEmbeddedPostgres(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  // One connection (the default) deadlocks as soon as a second client connects. workerd never closes
  // a test's or a request's sockets itself until the isolate goes, so a workerd test file holds dozens
  // at once: at 16 the 17th was dropped ("Network connection lost"). The proxy below lets one talk at a
  // time anyway, so an idle connection costs almost nothing.
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: 128,
  });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:PORT"
  // PGLiteSocketServer interleaves concurrent extended-protocol batches of different connections on
  // its single backend (electric-sql/pglite#1046): a page loading thumbnails beside a queue job fails
  // at random with 08P01. The proxy lets one connection in at a time; clients see a normal server.
  const proxy = await startSerialProxy(`postgres://postgres@${conn}/postgres`, { port: options.port ?? 0 });
  return {
    url: proxy.url,
    async stop() {
      await proxy.stop();
      await server.stop();
      await pglite.close();
    },
  };
}
