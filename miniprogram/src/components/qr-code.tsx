// A QR code drawn as one SVG path (certificates' check code, tip-off receipts), black on white.
import { useMemo } from 'preact/hooks';
import { encodeQr, QR_QUIET_ZONE, qrSvgPath } from '../../../core/certificates/qr';

export function QrCode({ text, label }: { text: string; label: string }) {
  const { side, path } = useMemo(() => {
    const matrix = encodeQr(text);
    return { side: matrix.size + 2 * QR_QUIET_ZONE, path: qrSvgPath(matrix, QR_QUIET_ZONE) };
  }, [text]);
  return (
    <svg
      class="qr"
      viewBox={`0 0 ${side} ${side}`}
      shape-rendering="crispEdges"
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
    >
      {/* Black on white whatever the theme: scanners need the contrast. */}
      <rect width={side} height={side} fill="#fff" />
      <path fill="#000" d={path} />
    </svg>
  );
}
