// Removes metadata from uploaded photos before they are stored: phone cameras write GPS position,
// device and time into EXIF/XMP, which the office has no use for and must not keep. Works on the
// container only (no decoding), so it is cheap and lossless. JPEG keeps one thing from EXIF — the
// orientation — rewritten into a minimal EXIF block, so a photo taken sideways still shows upright.

const JPEG_APP1 = 0xe1;
const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;

export function stripImageMetadata(bytes: Uint8Array, contentType: string): Uint8Array {
  if (contentType === 'image/jpeg') return stripJpeg(bytes);
  if (contentType === 'image/png') return stripPng(bytes);
  return bytes;
}

/**
 * Keeps SOI, APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform), tables, frame
 * and scan data; drops APP1 (EXIF, XMP), APP3–APP13, APP15 and comments.
 */
function stripJpeg(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let orientation: number | undefined;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return bytes; // not a marker where one must be: leave the file alone
    const marker = bytes[pos + 1]!;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === JPEG_EOI) break;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) return bytes;
    const segment = bytes.subarray(pos, end);
    if (marker === JPEG_SOS) {
      // Entropy-coded data runs to the end of the image; nothing after it is metadata we can parse.
      if (orientation && orientation !== 1) parts.splice(1, 0, minimalExif(orientation));
      parts.push(bytes.subarray(pos));
      return concat(parts);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === JPEG_APP1) orientation ??= readExifOrientation(segment.subarray(4));
    const keep = !isApp ? marker !== 0xfe /* COM */ : marker === 0xe0 || marker === 0xe2 || marker === 0xee;
    if (keep) parts.push(segment);
    pos = end;
  }
  return bytes;
}

/** Orientation (tag 0x0112) from an EXIF APP1 body ("Exif\0\0" + TIFF), or undefined. */
function readExifOrientation(body: Uint8Array): number | undefined {
  if (body.length < 14 || String.fromCharCode(...body.subarray(0, 4)) !== 'Exif') return undefined;
  const tiff = body.subarray(6);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  const u16 = (o: number) => (little ? tiff[o]! | (tiff[o + 1]! << 8) : (tiff[o]! << 8) | tiff[o + 1]!);
  const u32 = (o: number) =>
    little
      ? (tiff[o]! | (tiff[o + 1]! << 8) | (tiff[o + 2]! << 16) | (tiff[o + 3]! << 24)) >>> 0
      : ((tiff[o]! << 24) | (tiff[o + 1]! << 16) | (tiff[o + 2]! << 8) | tiff[o + 3]!) >>> 0;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 segment whose EXIF holds only the orientation tag (big-endian TIFF, one IFD entry). */
function minimalExif(orientation: number): Uint8Array {
  const tiff = [
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // "MM", 42, IFD0 at offset 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation SHORT
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const length = body.length + 2;
  return new Uint8Array([0xff, JPEG_APP1, length >> 8, length & 0xff, ...body]);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Text and EXIF chunks can carry location, author and device; image data never needs them. */
const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length =
      ((bytes[pos]! << 24) | (bytes[pos + 1]! << 16) | (bytes[pos + 2]! << 8) | bytes[pos + 3]!) >>> 0;
    const end = pos + 12 + length;
    if (end > bytes.length) return bytes;
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!PNG_DROPPED.has(type)) parts.push(bytes.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
