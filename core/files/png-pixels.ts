// Rewrites an uploaded PNG to the chunks a decoder needs — IHDR, PLTE, tRNS, IDAT, IEND — or refuses
// it. Text (tEXt, zTXt, iTXt), eXIf, timestamps, colour profiles, animation frames and private chunks
// are dropped (they can carry location, author and device); anything after IEND is dropped. Every
// chunk's CRC is checked and the chunk order is the one the PNG spec requires, so a damaged or
// crafted file is refused instead of being kept as it came. The size is read from IHDR before anything
// decodes the pixels.
import { AppError } from '../errors';
import { assertImageSize, concatBytes, type ImageLimits } from './image-limits';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const KEPT = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);
/** Allowed bit depths per colour type (PNG spec, table 11.1). */
const BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const damaged = () => new AppError('file_damaged');
const u32 = (b: Uint8Array, o: number) =>
  ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

export function rewritePng(bytes: Uint8Array, limits: ImageLimits): Uint8Array {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw damaged();
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let colourType: number | undefined;
  let palette = false;
  let idat: 'none' | 'open' | 'closed' = 'none';
  let pos = 8;
  for (;;) {
    if (pos + 12 > bytes.length) throw damaged(); // truncated before IEND
    const length = u32(bytes, pos);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) throw damaged();
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw damaged();
    if (crc32(bytes.subarray(pos + 4, end - 4)) !== u32(bytes, end - 4)) throw damaged();
    const data = bytes.subarray(pos + 8, end - 4);
    if ((type === 'IHDR') !== (colourType === undefined)) throw damaged(); // IHDR first, and only once
    if (type === 'IHDR') colourType = readHeader(data, limits);
    else if (type === 'PLTE') {
      if (palette || idat !== 'none' || length % 3 !== 0 || length === 0 || length > 768) throw damaged();
      palette = true;
    } else if (type === 'tRNS' && idat !== 'none') throw damaged();
    else if (type === 'IDAT') {
      if (idat === 'closed') throw damaged(); // image data must be one run of IDAT chunks
      idat = 'open';
    } else if (type === 'IEND') {
      if (length !== 0 || idat === 'none' || (colourType === 3 && !palette)) throw damaged();
      kept.push(bytes.subarray(pos, end));
      return concatBytes(kept); // anything after IEND is dropped
    } else if (type.charCodeAt(0) < 0x61) {
      // An unknown critical chunk (upper-case first letter): decoders must refuse it, so do we.
      throw new AppError('unsupported_media_type');
    }
    if (idat === 'open' && type !== 'IDAT') idat = 'closed';
    if (KEPT.has(type)) kept.push(bytes.subarray(pos, end));
    pos = end;
  }
}

/** IHDR: width, height, bit depth, colour type, compression 0, filter 0, interlace 0/1. */
function readHeader(data: Uint8Array, limits: ImageLimits): number {
  if (data.length !== 13) throw damaged();
  const width = u32(data, 0);
  const height = u32(data, 4);
  const [depth, colour, compression, filter, interlace] = data.subarray(8);
  if (!width || !height || width > 0x7fffffff || height > 0x7fffffff) throw damaged();
  if (!BIT_DEPTHS[colour!]?.includes(depth!) || compression !== 0 || filter !== 0 || interlace! > 1)
    throw damaged();
  assertImageSize(width, height, limits);
  return colour!;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309) over chunk type and data, as PNG defines it. */
function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
