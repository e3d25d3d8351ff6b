// Run by `npm install` (postinstall): fixes postgres.js 3.4.x for connections that die under it
// (porsager/postgres#1154, #1066). When the server drops a connection inside a transaction, `begin`
// still sends ROLLBACK on it: `execute` writes to the socket the 'close' handler already set to null,
// and the deferred write throws `TypeError: Cannot read properties of null (reading 'write')` outside
// any promise (an uncaught error in workerd; a crash in Node). The failed write also leaves its bytes
// and timer behind, so the next connection's start-up message is never sent and the client hangs
// until CONNECT_TIMEOUT (measured: 30 s); and the server's last error (57P01 when a backend is
// terminated) stays pending and fails the first query of the next connection; and a connection lost
// while it reads the array types on connecting raises an unhandled rejection. The edits: a query on
// a closed connection fails with CONNECTION_CLOSED, a write without a socket is dropped, a close
// forgets the unsent bytes and the failed query with its error, and the types read is caught (its
// failure already fails the first query or leads to the reconnect).
// Idempotent; fails loudly when postgres.js changed and an edit no longer applies.
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARK = '/* township: patched by scripts/patch-postgres.mjs */';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const EDITS = [
  {
    find: "      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))\n",
    add:
      '\n    if (!socket) ' +
      MARK +
      // true: the caller (a transaction's handler) must not move the connection out of the pool's
      // closed queue, which is where the next query reconnects it.
      "\n      return (queryError(q, Errors.connection('CONNECTION_CLOSED', options)), true)\n",
  },
  {
    find: '  function nextWrite(fn) {\n',
    add: `    if (!socket) ${MARK}\n      return (chunk = nextWriteTimer = null, false)\n`,
  },
  {
    find: '    clearImmediate(nextWriteTimer)\n    socket.removeListener(',
    replace: `    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null ${MARK}\n    socket.removeListener(`,
  },
  {
    find: "    onclose(connection, Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    replace:
      `    query = errorResponse = null ${MARK}\n` +
      "    onclose(connection, Errors.connection('CONNECTION_CLOSED', options, socket))\n",
  },
  {
    // Its failure already reaches the first query (or the reconnect): not an unhandled rejection too.
    find: '        return fetchArrayTypes()\n',
    replace: `        return fetchArrayTypes().catch(() => {}) ${MARK}\n`,
  },
];

export function patchSource(source) {
  if (source.includes(MARK)) return source;
  let out = source;
  for (const edit of EDITS) {
    const at = out.indexOf(edit.find);
    if (at < 0 || out.indexOf(edit.find, at + 1) >= 0)
      throw new Error(`postgres.js changed: cannot apply the edit at ${JSON.stringify(edit.find.trim())}`);
    out = edit.replace
      ? out.replace(edit.find, edit.replace)
      : out.slice(0, at + edit.find.length) + edit.add + out.slice(at + edit.find.length);
  }
  return out;
}

export const PATCHED_FILES = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'];

function main() {
  const dir = realpathSync(join(root, 'node_modules', 'postgres'));
  for (const file of PATCHED_FILES) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = patchSource(before);
    if (after !== before) writeFileSync(path, after);
  }
  console.log(`postgres.js: connection-loss patch in place (${PATCHED_FILES.length} files)`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main();
