// A small Postgres wire-protocol proxy in front of the embedded PGlite server that lets one
// connection talk to it at a time, from its first message until PGlite is idle again (every Sync or
// simple Query answered with ReadyForQuery, outside a transaction). Node only.
//
// Why: PGLiteSocketServer 0.2.x interleaves concurrent extended-protocol batches from different
// connections on its single backend (electric-sql/pglite#1046, PR #977), so two requests at once —
// a page loading thumbnails, a queue job beside a page request — randomly fail with 08P01 or
// "unnamed prepared statement does not exist". Real Postgres (DATABASE_URL) needs none of this.
import { connect, createServer, type Server, type Socket } from 'node:net';

interface Conn {
  client: Socket;
  upstream: Socket;
  /** Client bytes not yet forwarded: waiting for the lock. */
  pending: Buffer[];
  /** Client bytes not yet parsed into whole messages (to count what will be answered). */
  clientTail: Buffer;
  /** Server bytes not yet parsed into whole messages (to find ReadyForQuery). */
  serverTail: Buffer;
  started: boolean;
  /** Messages forwarded that PGlite will answer with ReadyForQuery, not yet answered. */
  outstanding: number;
  /**
   * Extended-protocol messages sent without their Sync yet: postgres.js describes a new statement
   * with Parse/Describe/Flush and binds it in a second round trip; the two must stay together.
   */
  openBatch: boolean;
  /** Transaction status of the last ReadyForQuery: 'I' idle, 'T' in a transaction, 'E' failed one. */
  status: string;
  closed: boolean;
}

export interface SerialProxy {
  url: string;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;

/** Listens on a free local port and forwards to `targetUrl`, one connection at a time. */
export async function startSerialProxy(
  targetUrl: string,
  options: { port?: number } = {},
): Promise<SerialProxy> {
  const target = new URL(targetUrl);
  let owner: Conn | null = null;
  const waiting: Conn[] = [];
  const conns = new Set<Conn>();

  const idle = (c: Conn) => c.outstanding === 0 && c.status === 'I' && !c.openBatch;

  const release = (c: Conn) => {
    if (owner !== c) return;
    owner = null;
    while (!owner && waiting.length) {
      const next = waiting.shift()!;
      if (!next.closed) grant(next);
    }
    // The previous owner may have sent more while it held the lock: it queues again, at the back.
    if (!c.closed && c.pending.length && owner !== c) request(c);
  };

  const grant = (c: Conn) => {
    owner = c;
    flush(c);
  };

  const request = (c: Conn) => {
    if (owner === c || waiting.includes(c)) return;
    if (!owner) grant(c);
    else waiting.push(c);
  };

  /** Forwards the pending bytes, counting the messages PGlite will answer with ReadyForQuery. */
  const flush = (c: Conn) => {
    const data = Buffer.concat(c.pending);
    c.pending = [];
    if (!data.length) {
      if (idle(c)) release(c);
      return;
    }
    let buf = Buffer.concat([c.clientTail, data]);
    for (;;) {
      if (!c.started) {
        if (buf.length < 8) break;
        const len = buf.readInt32BE(0);
        if (buf.length < len) break;
        // An SSL request gets a one-byte answer; the startup message ends with ReadyForQuery.
        if (buf.readInt32BE(4) !== SSL_REQUEST) {
          c.started = true;
          c.outstanding++;
        }
        buf = buf.subarray(len);
        continue;
      }
      if (buf.length < 5) break;
      const len = buf.readInt32BE(1) + 1;
      if (buf.length < len) break;
      const type = String.fromCharCode(buf[0]!);
      if (type === 'S' || type === 'Q') {
        c.outstanding++;
        c.openBatch = false;
      } else if ('PBDECHF'.includes(type)) {
        c.openBatch = true;
      }
      buf = buf.subarray(len);
    }
    c.clientTail = Buffer.from(buf);
    c.upstream.write(data);
  };

  const onServerData = (c: Conn, chunk: Buffer) => {
    c.client.write(chunk);
    let buf = Buffer.concat([c.serverTail, chunk]);
    // Before startup the only possible answer to an SSL request is a single 'N' or 'S' byte.
    if (!c.started && buf.length === 1) {
      c.serverTail = Buffer.alloc(0);
      if (idle(c)) release(c);
      return;
    }
    for (;;) {
      if (buf.length < 5) break;
      const len = buf.readInt32BE(1) + 1;
      if (buf.length < len) break;
      if (buf[0] === 0x5a /* 'Z' ReadyForQuery */) {
        c.outstanding = Math.max(0, c.outstanding - 1);
        c.status = String.fromCharCode(buf[5]!);
      }
      buf = buf.subarray(len);
    }
    c.serverTail = Buffer.from(buf);
    if (idle(c)) release(c);
  };

  const close = (c: Conn) => {
    if (c.closed) return;
    c.closed = true;
    conns.delete(c);
    c.client.destroy();
    c.upstream.destroy();
    const i = waiting.indexOf(c);
    if (i >= 0) waiting.splice(i, 1);
    // A connection that vanished mid-transaction: PGlite rolls it back itself (socket server).
    if (owner === c) {
      c.outstanding = 0;
      c.openBatch = false;
      c.status = 'I';
      release(c);
    }
  };

  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    const c: Conn = {
      client,
      upstream,
      pending: [],
      clientTail: Buffer.alloc(0),
      serverTail: Buffer.alloc(0),
      started: false,
      outstanding: 0,
      openBatch: false,
      status: 'I',
      closed: false,
    };
    conns.add(c);
    client.on('data', (chunk: Buffer) => {
      c.pending.push(chunk);
      if (owner === c) flush(c);
      else request(c);
    });
    upstream.on('data', (chunk: Buffer) => onServerData(c, chunk));
    for (const socket of [client, upstream]) {
      socket.on('close', () => close(c));
      socket.on('error', () => close(c));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      for (const c of conns) close(c);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
