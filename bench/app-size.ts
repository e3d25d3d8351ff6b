// Measures what the mini app's first screen downloads after `npm run build:app`: the JS and CSS
// index.html references, plus the one locale chunk the app loads at start; prints a table, checks
// the 60 KB gzipped JS budget and rewrites the "Mini app first screen" section of bench/RESULTS.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { writeResultsSection } from './results-file';

const DIST = fileURLToPath(new URL('../miniprogram/dist/app/', import.meta.url));
const BASE = '/app/';
const BUDGET_JS_GZIP = 60 * 1024;
// Chunk names of miniprogram/src/lib/locales/<lng>.ts; exactly one of them loads at start.
const LOCALE_CHUNK = /^(zh-cn|zh-tw|en)-[\w-]+\.js$/;

interface Asset {
  file: string;
  kind: 'html' | 'js' | 'css' | 'js (locale)';
  raw: number;
  gzip: number;
  brotli: number;
}

function measure(path: string, kind: Asset['kind']): Asset {
  const bytes = readFileSync(`${DIST}${path}`);
  return {
    file: path,
    kind,
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

/** Assets index.html makes the browser fetch before the first render. */
function referencedAssets(html: string): Asset[] {
  const assets: Asset[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
    const url = attr('src') ?? attr('href');
    if (!url?.startsWith(BASE)) continue;
    const path = url.slice(BASE.length);
    const rel = attr('rel')?.toLowerCase();
    if (tag.toLowerCase().startsWith('<script') && attr('type') === 'module')
      assets.push(measure(path, 'js'));
    else if (rel === 'modulepreload') assets.push(measure(path, 'js'));
    else if (rel === 'stylesheet') assets.push(measure(path, 'css'));
  }
  return assets;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(): void {
  if (!existsSync(`${DIST}index.html`)) {
    console.error('miniprogram/dist/app/index.html is missing: run `npm run build:app` first.');
    process.exit(1);
  }
  const html = readFileSync(`${DIST}index.html`, 'utf8');
  const assets = [measure('index.html', 'html'), ...referencedAssets(html)];
  if (!assets.some((a) => a.kind === 'js')) {
    console.error('index.html references no JS module: is this a Vite build of the mini app?');
    process.exit(1);
  }
  // The app loads the texts of one language before its first render; count the largest.
  const locales = readdirSync(`${DIST}assets`)
    .filter((f) => LOCALE_CHUNK.test(f))
    .map((f) => measure(`assets/${f}`, 'js (locale)'))
    .sort((a, b) => b.gzip - a.gzip);
  if (locales[0]) assets.push(locales[0]);

  const sum = (kinds: Asset['kind'][], key: 'raw' | 'gzip' | 'brotli') =>
    assets.filter((a) => kinds.includes(a.kind)).reduce((n, a) => n + a[key], 0);
  const js = (key: 'raw' | 'gzip' | 'brotli') => sum(['js', 'js (locale)'], key);
  const css = (key: 'raw' | 'gzip' | 'brotli') => sum(['css'], key);
  const within = js('gzip') <= BUDGET_JS_GZIP;

  const rows = [
    '| file | kind | raw | gzip -9 | brotli -11 |',
    '| --- | --- | ---: | ---: | ---: |',
    ...assets.map((a) => `| ${a.file} | ${a.kind} | ${kb(a.raw)} | ${kb(a.gzip)} | ${kb(a.brotli)} |`),
    `| **JS total** | | ${kb(js('raw'))} | **${kb(js('gzip'))}** | ${kb(js('brotli'))} |`,
    `| **CSS total** | | ${kb(css('raw'))} | ${kb(css('gzip'))} | ${kb(css('brotli'))} |`,
  ];
  const date = new Date().toISOString().slice(0, 10);
  const verdict = within
    ? `within the ${kb(BUDGET_JS_GZIP)} budget (${Math.round((js('gzip') / BUDGET_JS_GZIP) * 100)} % used)`
    : `OVER the ${kb(BUDGET_JS_GZIP)} budget`;

  console.log(rows.join('\n'));
  console.log(`\nFirst-screen JS: ${kb(js('gzip'))} gzipped — ${verdict}. CSS: ${kb(css('gzip'))} gzipped.`);

  writeResultsSection(
    'Mini app first screen',
    `Measured ${date} with \`npm run build:app && npm run bench:app-size\` (bench/app-size.ts).
What a phone downloads before the first screen renders: index.html, the JS and CSS it references
(script, modulepreload, stylesheet), and the one locale chunk the app loads at start (the largest of
the three languages is counted). Pages split out with \`lazyPage()\` (e.g. the workbench) are not.

**First-screen JS: ${kb(js('gzip'))} gzipped** — ${verdict}. CSS: ${kb(css('gzip'))} gzipped.

${rows.join('\n')}`,
  );
  if (!within) process.exit(1);
}

main();
