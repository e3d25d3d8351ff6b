import { CERT_FONT_ASSET_PATH } from '../../../core/certificates/render-certificate-pdf';
import { AppError } from '../../../core/errors';
import type { Services } from '../../context';

/** The CJK font the certificate PDF needs, from the Worker's static assets (never in the bundle). */
export async function loadCertificateFont(services: Services): Promise<Uint8Array> {
  const bytes = await services.loadAsset(CERT_FONT_ASSET_PATH);
  if (!bytes) throw new AppError('internal', { message: 'certificate font missing from static assets' });
  return bytes;
}
