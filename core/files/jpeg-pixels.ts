// Rewrites an uploaded JPEG to what a decoder needs and nothing else, or refuses it. Phones write GPS
// position, device and time into APP segments (EXIF, XMP), a second picture after the first image
// (MPO, with its own EXIF), and vendors append trailers; none of it is kept. Kept: SOF (baseline,
// extended or progressive Huffman frames), DQT, DHT, DRI, each SOS with its entropy-coded data, EOI.
// Two values are read and written back in fresh minimal segments, never copied: the EXIF orientation
// (1–8: a photo taken sideways still shows upright) and the Adobe colour transform (0–2: without it
// an RGB or CMYK JPEG decodes with wrong colours). ICC profiles are dropped: they can carry device
// and vendor text, a document photo does not need colour management, and a wide-gamut photo then
// only looks slightly less saturated. Anything not understood (stray bytes between segments, a
// truncated file, a segment running past the end, a second frame header) refuses the file: a
// stripper that leaves the input unchanged when it is confused is how metadata survives.
import { AppError } from '../errors';
import { assertImageSize, concatBytes, type ImageLimits } from './image-limits';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const DQT = 0xdb;
const DHT = 0xc4;
const DRI = 0xdd;
const APP1 = 0xe1;
const APP14 = 0xee;
const COM = 0xfe;
/** Huffman-coded frames browsers decode: baseline, extended sequential, progressive. */
const FRAMES = new Set([0xc0, 0xc1, 0xc2]);

const damaged = () => new AppError('file_damaged');
const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;

export function rewriteJpeg(bytes: Uint8Array, limits: ImageLimits): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw damaged();
  const kept: Uint8Array[] = [];
  let orientation: number | undefined;
  let adobeTransform: number | undefined;
  let frame = false;
  let scans = 0;
  let pos = 2;
  for (;;) {
    // A marker must start here: 0xFF (fill bytes may repeat it), then the marker code.
    if (bytes[pos] !== 0xff) throw damaged();
    while (bytes[pos] === 0xff) pos++;
    if (pos >= bytes.length) throw damaged();
    const marker = bytes[pos]!;
    if (marker === EOI) break; // anything after the first image (an MPO's second frame) is dropped
    if (pos + 3 > bytes.length) throw damaged();
    const length = u16(bytes, pos + 1);
    const end = pos + 1 + length;
    if (length < 2 || end > bytes.length) throw damaged();
    const segment = bytes.subarray(pos - 1, end);
    const body = bytes.subarray(pos + 3, end);
    if (FRAMES.has(marker)) {
      if (frame) throw damaged();
      readFrame(body, limits);
      frame = true;
      kept.push(segment);
    } else if (marker === DQT || marker === DHT || marker === DRI) {
      kept.push(segment);
    } else if (marker === SOS) {
      if (!frame || body.length !== 4 + 2 * (body[0] ?? 0) || body[0]! < 1 || body[0]! > 4) throw damaged();
      const scanEnd = endOfEntropyData(bytes, end);
      kept.push(segment, bytes.subarray(end, scanEnd));
      scans++;
      pos = scanEnd;
      continue;
    } else if (marker >= 0xc0 && marker <= 0xcf) {
      // Lossless, hierarchical or arithmetic-coded frames: legal JPEG that viewers cannot show.
      throw new AppError('unsupported_media_type');
    } else if (marker >= 0xe0 && marker <= 0xef) {
      if (marker === APP1) orientation ??= readExifOrientation(body);
      if (marker === APP14) adobeTransform ??= readAdobeTransform(body);
    } else if (marker !== COM) {
      throw damaged(); // SOI, RSTn, DNL, TEM or a reserved code where a segment must be
    }
    pos = end;
  }
  if (!scans) throw damaged();
  return concatBytes([
    new Uint8Array([0xff, SOI]),
    ...(orientation && orientation !== 1 ? [minimalExif(orientation)] : []),
    ...(adobeTransform === undefined ? [] : [minimalAdobe(adobeTransform)]),
    ...kept,
    new Uint8Array([0xff, EOI]),
  ]);
}

/** SOFn: precision, height, width, components; checks the size against the limits before any decoding. */
function readFrame(body: Uint8Array, limits: ImageLimits): void {
  const components = body[5] ?? 0;
  if (body.length !== 6 + 3 * components || components < 1 || components > 4) throw damaged();
  if (body[0] !== 8) throw new AppError('unsupported_media_type'); // 12-bit: no browser shows it
  const height = u16(body, 1);
  const width = u16(body, 3);
  if (!height || !width) throw damaged(); // height 0 = "defined later" (DNL): not supported
  assertImageSize(width, height, limits);
}

/**
 * Entropy-coded data runs until a marker: 0xFF followed by neither 0x00 (a stuffed 0xFF) nor RST0–7.
 * Returns the position of that marker's 0xFF (trailing fill bytes are left to the marker loop).
 */
function endOfEntropyData(bytes: Uint8Array, start: number): number {
  let p = start;
  while (p < bytes.length) {
    if (bytes[p] !== 0xff) {
      p++;
      continue;
    }
    const next = bytes[p + 1];
    if (next === undefined) break;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) p += 2;
    else if (next === 0xff) p++;
    else return p;
  }
  throw damaged(); // truncated: the file ends inside the scan
}

/** Orientation (tag 0x0112) from an EXIF APP1 body ("Exif\0\0" + TIFF), or undefined. */
function readExifOrientation(body: Uint8Array): number | undefined {
  if (body.length < 14 || String.fromCharCode(...body.subarray(0, 4)) !== 'Exif') return undefined;
  const tiff = body.subarray(6);
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  const u16At = (o: number) => (little ? tiff[o]! | (tiff[o + 1]! << 8) : (tiff[o]! << 8) | tiff[o + 1]!);
  const u32At = (o: number) =>
    little
      ? (tiff[o]! | (tiff[o + 1]! << 8) | (tiff[o + 2]! << 16) | (tiff[o + 3]! << 24)) >>> 0
      : ((tiff[o]! << 24) | (tiff[o + 1]! << 16) | (tiff[o + 2]! << 8) | tiff[o + 3]!) >>> 0;
  const ifd = u32At(4);
  if (ifd + 2 > tiff.length) return undefined;
  const count = u16At(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (u16At(entry) === 0x0112) {
      const value = u16At(entry + 8);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** The transform byte of an "Adobe" APP14 body: 0 = RGB/CMYK, 1 = YCbCr, 2 = YCCK. */
function readAdobeTransform(body: Uint8Array): number | undefined {
  if (body.length < 12 || String.fromCharCode(...body.subarray(0, 5)) !== 'Adobe') return undefined;
  const transform = body[11]!;
  return transform <= 2 ? transform : undefined;
}

/** An APP1 segment whose EXIF holds only the orientation tag (big-endian TIFF, one IFD entry). */
function minimalExif(orientation: number): Uint8Array {
  // biome-ignore format: one TIFF field per line
  const tiff = [
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at offset 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation SHORT
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff]; // "Exif\0\0"
  const length = body.length + 2;
  return new Uint8Array([0xff, APP1, length >> 8, length & 0xff, ...body]);
}

/** An APP14 "Adobe" segment (version 100, no flags) carrying only the colour transform. */
function minimalAdobe(transform: number): Uint8Array {
  const body = [0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, transform];
  return new Uint8Array([0xff, APP14, 0x00, body.length + 2, ...body]);
}
