// QR code for the certificate payload: byte mode (UTF-8), error correction M, smallest version that
// fits. Encoding is delegated to `uqr` (a port of Nayuki's reference encoder, no dependencies, runs in
// workerd and the browser); this file only fixes the options and draws the matrix. Browser-safe.
import { encode } from 'uqr';

export interface QrMatrix {
  /** QR version 1–40; the side is 17 + 4·version modules. */
  version: number;
  /** Modules per side, without quiet zone. */
  size: number;
  /** modules[row][column], true = dark. */
  modules: boolean[][];
}

export interface QrRun {
  row: number;
  column: number;
  length: number;
}

/** The spec's recommended quiet zone, in modules. */
export const QR_QUIET_ZONE = 4;

/** Encodes text as UTF-8 bytes in a single byte-mode segment (no ECI, as phone scanners expect). */
export function encodeQr(text: string, options: { ecc?: 'L' | 'M' | 'Q' | 'H' } = {}): QrMatrix {
  // Passing bytes (not the string) pins byte mode: uqr would otherwise pick numeric/alphanumeric itself.
  const bytes = Array.from(new TextEncoder().encode(text));
  const qr = encode(bytes, { ecc: options.ecc ?? 'M', border: 0, boostEcc: false });
  return { version: qr.version, size: qr.size, modules: qr.data };
}

/** Horizontal runs of dark modules, row by row: what a PDF or canvas draws as rectangles. */
export function qrDarkRuns(matrix: QrMatrix): QrRun[] {
  const runs: QrRun[] = [];
  matrix.modules.forEach((row, r) => {
    let start = -1;
    for (let c = 0; c <= row.length; c++) {
      const dark = c < row.length && row[c] === true;
      if (dark && start < 0) start = c;
      if (!dark && start >= 0) {
        runs.push({ row: r, column: start, length: c - start });
        start = -1;
      }
    }
  });
  return runs;
}

/** One SVG path in module units (y down), offset by `margin` modules; usable by pdf-lib's drawSvgPath. */
export function qrSvgPath(matrix: QrMatrix, margin = 0): string {
  return qrDarkRuns(matrix)
    .map((run) => `M${run.column + margin} ${run.row + margin}h${run.length}v1h-${run.length}z`)
    .join('');
}

/**
 * A standalone SVG: white background plus a single <path> for all dark modules. The viewBox is in
 * module units and crispEdges disables anti-aliasing, so it stays sharp at any `size` (pixels).
 */
export function qrToSvg(matrix: QrMatrix, options: { size?: number; margin?: number } = {}): string {
  const margin = options.margin ?? QR_QUIET_ZONE;
  const side = matrix.size + 2 * margin;
  const size = options.size ?? side * 4;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path fill="#000" d="${qrSvgPath(matrix, margin)}"/>` +
    '</svg>'
  );
}
