// Refuses a PDF that can do something when opened: JavaScript, launch actions, embedded files, rich
// media, XFA forms, form submission or import, jumps into other files. It reads the file's syntax, not
// its rendering: every PDF name in the file outside compressed data, and inside every compressed
// object stream (inflated with DecompressionStream, available in workerd and Node), after decoding
// #xx escapes (`/J#61vaScript` is /JavaScript to a reader). Fail closed: an object stream that is
// not plain Flate or cannot be inflated, or compressed data that hides an object header (a reader
// following the cross-reference table could land there), makes the PDF "cannot be checked".
import { AppError } from '../errors';

/** Names that start actions or carry content a viewer may run or open. */
const ACTIVE_NAMES = new Set([
  'JS',
  'JavaScript',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'FileAttachment',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
  'GoToE',
  'GoToR',
]);
/** Inflated object streams may not grow past this in total (a small file can inflate to gigabytes). */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const unreadable = () => new AppError('pdf_unreadable');

export async function assertPdfInert(bytes: Uint8Array): Promise<void> {
  const text = latin1(bytes);
  let outside = '';
  let budget = MAX_INFLATED_BYTES;
  let from = 0;
  for (const stream of findStreams(text)) {
    const filters = streamFilters(stream.dict);
    if (filters.length === 0) continue; // plain bytes: scanned with the rest of the file
    outside += text.slice(from, stream.bodyStart);
    from = stream.bodyEnd;
    const body = text.slice(stream.bodyStart, stream.bodyEnd);
    // An object header inside compressed bytes is no accident: a reader may be pointed at it.
    if (/\d+\s+\d+\s+obj\b/.test(body)) throw unreadable();
    if (!isObjectStream(stream.dict)) continue;
    if (filters.length !== 1 || filters[0] !== 'FlateDecode') throw unreadable();
    const inflated = await inflate(bytes.subarray(stream.bodyStart, stream.bodyEnd), budget);
    budget -= inflated.length;
    assertNoActiveNames(latin1(inflated));
  }
  assertNoActiveNames(outside + text.slice(from));
}

/**
 * One character per byte, so string offsets are byte offsets: each byte widened to a UTF-16 unit
 * (no surrogates below 0x100) and decoded in one call — fast, and the same in workerd and Node.
 */
function latin1(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le').decode(Uint16Array.from(bytes));
}

interface StreamSpan {
  dict: string;
  bodyStart: number;
  bodyEnd: number;
}

/** Each `<< … >> stream … endstream` with its dictionary text (#xx decoded) and body offsets. */
function* findStreams(text: string): Generator<StreamSpan> {
  const keyword = />>\s*stream(\r\n|\n|\r)/g;
  let searchFrom = 0;
  for (;;) {
    keyword.lastIndex = searchFrom;
    const match = keyword.exec(text);
    if (!match) return;
    const bodyStart = match.index + match[0].length;
    const dict = decodeNameEscapes(text.slice(dictionaryStart(text, match.index), match.index + 2));
    const declared = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const length = declared ? Number(declared[1]) : -1;
    let bodyEnd: number;
    if (
      length >= 0 &&
      /^(\r\n|\n|\r)?endstream/.test(text.slice(bodyStart + length, bodyStart + length + 11))
    ) {
      bodyEnd = bodyStart + length;
    } else {
      // No usable /Length (indirect or wrong): up to `endstream`, less the end-of-line before it.
      const end = text.indexOf('endstream', bodyStart);
      if (end < 0) throw new AppError('file_damaged');
      bodyEnd = end - (text.slice(end - 2, end) === '\r\n' ? 2 : /[\r\n]/.test(text[end - 1] ?? '') ? 1 : 0);
    }
    yield { dict, bodyStart, bodyEnd };
    searchFrom = Math.max(bodyEnd, bodyStart);
  }
}

/** Where the object holding the stream starts (its `N G obj`), looking back at most 64 KiB. */
function dictionaryStart(text: string, streamKeyword: number): number {
  const windowStart = Math.max(0, streamKeyword - 65_536);
  let start = windowStart;
  for (const m of text.slice(windowStart, streamKeyword).matchAll(/\d+\s+\d+\s+obj\b/g))
    start = windowStart + m.index;
  return start;
}

/** The stream's /Filter names; ['?'] when it is given indirectly (and so cannot be known here). */
function streamFilters(dict: string): string[] {
  const match = /\/Filter\s*(\/[^\s/[\]<>()]+|\[[^\]]*\])?/.exec(dict);
  if (!match) return [];
  if (!match[1]) return ['?'];
  return [...match[1].matchAll(/\/([^\s/[\]<>()]+)/g)].map((m) => m[1]!);
}

/** /Type /ObjStm, or the /N and /First an object stream needs (a reader may not check its /Type). */
function isObjectStream(dict: string): boolean {
  if (/\/Type\s+\d+\s+\d+\s+R/.test(dict)) throw unreadable(); // a type hidden behind a reference
  return /\/ObjStm\b/.test(dict) || (/\/N\s/.test(dict) && /\/First\s/.test(dict));
}

function decodeNameEscapes(text: string): string {
  return text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

function assertNoActiveNames(text: string): void {
  for (const match of decodeNameEscapes(text).matchAll(/\/([^\s/[\]<>(){}%]+)/g)) {
    if (ACTIVE_NAMES.has(match[1]!)) throw new AppError('pdf_active_content');
  }
}

/** zlib-inflates one stream within the byte budget; anything it cannot inflate is refused. */
async function inflate(data: Uint8Array, budget: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = new Response(data as Uint8Array<ArrayBuffer>)
      .body!.pipeThrough(new DecompressionStream('deflate'))
      .getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > budget) {
        await reader.cancel();
        throw unreadable();
      }
      chunks.push(value);
    }
  } catch {
    throw unreadable();
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
