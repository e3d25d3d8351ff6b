// The certificate QR: encoded by qr.ts, decoded by an independent decoder (jsQR) from rendered pixels.
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { encodeQr, QR_QUIET_ZONE, type QrMatrix, qrDarkRuns, qrToSvg } from '../../../core/certificates/qr';

const typicalPayload =
  'HYZM1|2026a|HY-2026-000123|欧阳晓明|M|361102199003151237|F|2|361102101|20261125|20271124|' +
  'z3AXodrGORnqEO_T3TMjN7L1eFMViwtxziOGD08u1GbUPq0nYsASUgxT4UMgo0fk0TuV06a_I2EEYHvFYmDhBw';

/** Paints the matrix as black/white RGBA pixels with a quiet zone, as a camera would see it. */
function toRgba(matrix: QrMatrix, scale = 4) {
  const side = (matrix.size + 2 * QR_QUIET_ZONE) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [r, row] of matrix.modules.entries()) {
    for (const [c, dark] of row.entries()) {
      if (!dark) continue;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const px = ((r + QR_QUIET_ZONE) * scale + dy) * side + (c + QR_QUIET_ZONE) * scale + dx;
          data.fill(0, px * 4, px * 4 + 3);
        }
    }
  }
  return { data, side };
}

function decode(matrix: QrMatrix) {
  const { data, side } = toRgba(matrix);
  return jsQR(data, side, side, { inversionAttempts: 'dontInvert' });
}

/** Error-correction level from the format bits next to the top-left finder (ISO 18004 §7.9). */
function errorCorrectionLevel(matrix: QrMatrix): 'L' | 'M' | 'Q' | 'H' {
  const m = matrix.modules;
  const cells: [number, number][] = [
    ...[0, 1, 2, 3, 4, 5].map((i): [number, number] => [i, 8]),
    [7, 8],
    [8, 8],
    [8, 7],
    ...[9, 10, 11, 12, 13, 14].map((i): [number, number] => [8, 14 - i]),
  ];
  let bits = 0;
  cells.forEach(([r, c], i) => {
    if (m[r]?.[c]) bits |= 1 << i;
  });
  return (['M', 'L', 'H', 'Q'] as const)[((bits ^ 0x5412) >> 13) & 3]!;
}

describe('encodeQr', () => {
  it('round-trips a typical certificate payload through an independent decoder', () => {
    const matrix = encodeQr(typicalPayload);
    const decoded = decode(matrix);
    expect(decoded).not.toBeNull();
    expect(decoded!.data).toBe(typicalPayload);
    expect(decoded!.binaryData).toEqual(Array.from(new TextEncoder().encode(typicalPayload)));
  });

  it('encodes the text as UTF-8 bytes in byte mode only', () => {
    const decoded = decode(encodeQr('0123456789'))!;
    // Digits alone would be numeric mode if the encoder picked; the certificate format wants bytes.
    expect(decoded.chunks.map((c) => c.type)).toEqual(['byte']);
    expect(decoded.data).toBe('0123456789');
  });

  it('uses error-correction level M', () => {
    expect(errorCorrectionLevel(encodeQr(typicalPayload))).toBe('M');
    expect(errorCorrectionLevel(encodeQr('x'))).toBe('M');
  });

  it('picks the smallest version that fits: version 9 (53 modules) for a typical 179-byte payload', () => {
    const matrix = encodeQr(typicalPayload);
    // Version 9-M holds 180 bytes in byte mode, version 8-M 152.
    expect(new TextEncoder().encode(typicalPayload).length).toBe(179);
    expect(matrix.version).toBe(9);
    expect(matrix.size).toBe(53);
    expect(matrix.modules).toHaveLength(53);
    expect(matrix.modules.every((row) => row.length === 53)).toBe(true);
    expect(encodeQr(`${typicalPayload}x`).version).toBe(9);
    expect(encodeQr(`${typicalPayload}xx`).version).toBe(10);
    expect(encodeQr('short').version).toBe(1);
  });

  it('still decodes with a smudge across part of the data area', () => {
    const matrix = encodeQr(typicalPayload);
    // Invert a 7×11 block of data modules (clear of finder, timing and alignment patterns); level M
    // corrects it, which a level-L code of the same payload would be much closer to failing on.
    const smudged = (r: number, c: number) => r >= 12 && r <= 18 && c >= 30 && c <= 40;
    const damaged: QrMatrix = {
      ...matrix,
      modules: matrix.modules.map((row, r) => row.map((dark, c) => (smudged(r, c) ? !dark : dark))),
    };
    expect(decode(damaged)?.data).toBe(typicalPayload);
  });
});

describe('qrToSvg', () => {
  it('draws all dark modules as one crisp path inside a quiet zone', () => {
    const matrix = encodeQr('HYZM1|test');
    const svg = qrToSvg(matrix, { size: 200, margin: 4 });
    const side = matrix.size + 8;
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);
    expect(svg).toContain('width="200" height="200"');
    expect(svg).toContain('shape-rendering="crispEdges"');
    // Every run of dark modules becomes one rectangle in the path, offset by the margin.
    const runs = qrDarkRuns(matrix);
    expect(svg.match(/M\d+ \d+h\d+v1h-\d+z/g)).toHaveLength(runs.length);
    expect(svg).toContain(
      `M${runs[0]!.column + 4} ${runs[0]!.row + 4}h${runs[0]!.length}v1h-${runs[0]!.length}z`,
    );
  });
});

describe('qrDarkRuns', () => {
  it('covers exactly the dark modules', () => {
    const matrix = encodeQr(typicalPayload);
    const painted = matrix.modules.map((row) => row.map(() => false));
    for (const run of qrDarkRuns(matrix)) {
      for (let c = run.column; c < run.column + run.length; c++) {
        expect(painted[run.row]![c]).toBe(false);
        painted[run.row]![c] = true;
      }
    }
    expect(painted).toEqual(matrix.modules);
  });
});
