// After `wrangler deploy --dry-run --outdir .wrangler/dry-run`: the Worker's script must stay under
// the Workers size limit (3 MiB gzipped on the Free plan, 10 MiB on Paid); this fails above the Free one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_GZIP_BYTES = 3 * 1024 * 1024;
const dir = '.wrangler/dry-run';
const files = readdirSync(dir).filter((f) => /\.(m?js|wasm)$/.test(f));
let raw = 0;
let gzip = 0;
for (const f of files) {
  const bytes = readFileSync(join(dir, f));
  raw += bytes.byteLength;
  gzip += gzipSync(bytes, { level: 9 }).byteLength;
}
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `Worker bundle: ${files.join(', ')} — ${kib(raw)} raw, ${kib(gzip)} gzipped (limit ${kib(LIMIT_GZIP_BYTES)})`,
);
if (gzip > LIMIT_GZIP_BYTES) {
  console.error('The Worker bundle is over the Workers Free plan size limit.');
  process.exit(1);
}
