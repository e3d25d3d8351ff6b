// Node only (tests, scripts): finds the certificate font on disk. The Worker reads the same file from its
// static assets instead (fetchCertificateFont); never import this file from api/ or the mini app.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CERT_FONT_ASSET_PATH } from './render-certificate-pdf';

/** The committed font (WenQuanYi Micro Hei cut to GBK, see miniprogram/static/fonts/README.md). */
export const BUNDLED_CERT_FONT_PATH = fileURLToPath(
  new URL(`../../miniprogram/static${CERT_FONT_ASSET_PATH.replace(/^\/app/, '')}`, import.meta.url),
);
/** Debian's fonts-wqy-microhei, the full font the committed one was cut from. */
export const SYSTEM_CERT_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** The first existing candidate: an explicit path, the built asset, then the Debian package's file. */
export function findCertificateFontPath(explicit?: string): string {
  const candidates = [explicit, BUNDLED_CERT_FONT_PATH, SYSTEM_CERT_FONT_PATH].filter(
    (p): p is string => !!p,
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `certificate font not found (looked at ${candidates.join(', ')}); install it with ` +
        '`apt-get install -y fonts-wqy-microhei` or set CERT_FONT_PATH to a TrueType CJK font',
    );
  }
  return found;
}

export function loadCertificateFont(explicit?: string): Uint8Array {
  return new Uint8Array(readFileSync(findCertificateFontPath(explicit)));
}
