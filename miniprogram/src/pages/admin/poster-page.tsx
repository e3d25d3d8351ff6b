// A village's printable poster: its name, the admin's short text for it (village page) and the QR code of the bot's deep link
// (https://t.me/<bot>?start=v_<code>), drawn with the certificates' QR encoder. Print CSS keeps only
// the poster (admin.css).

import { encodeQr, QR_QUIET_ZONE, qrSvgPath } from '../../../../core/certificates/qr';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { Page } from '../../components/page';
import { ErrorState, Loading } from '../../components/states';
import { listAdminVillages } from '../../lib/api/admin';
import { getConfig } from '../../lib/api/endpoints';
import { useT } from '../../lib/i18n';
import type { PageProps } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { AdminGate } from './admin-gate';
import './admin.css';

export function posterLink(botUsername: string, code: string): string {
  return `https://t.me/${encodeURIComponent(botUsername)}?start=v_${code}`;
}

function Qr({ text, label }: { text: string; label: string }) {
  const matrix = encodeQr(text, { ecc: 'Q' });
  const side = matrix.size + 2 * QR_QUIET_ZONE;
  return (
    <svg
      class="poster-qr"
      viewBox={`0 0 ${side} ${side}`}
      shape-rendering="crispEdges"
      role="img"
      aria-label={label}
      data-qr-text={text}
    >
      <rect width={side} height={side} fill="#fff" />
      <path fill="#000" d={qrSvgPath(matrix, QR_QUIET_ZONE)} />
    </svg>
  );
}

export function PosterPage({ params }: PageProps) {
  const t = useT();
  const id = Number(params.id);
  const data = useResource(() => Promise.all([listAdminVillages(), getConfig()]), [id]);
  const village = data.data?.[0].villages.find((v) => v.id === id);
  const link = village && data.data ? posterLink(data.data[1].botUsername, village.code) : '';
  return (
    <AdminGate title={t('admin:poster.title')}>
      <Page title={t('admin:poster.title')}>
        {data.error ? (
          <ErrorState error={data.error} onRetry={data.reload} />
        ) : !data.data ? (
          <Loading />
        ) : !village ? (
          <ErrorState error={null} message={t('admin:villages.empty')} />
        ) : (
          <>
            <div class="no-print poster-tools">
              {village.active ? null : (
                <Panel tone="warning">
                  <p>{t('admin:poster.inactive')}</p>
                </Panel>
              )}
              <p class="field-hint">{t('admin:poster.printHint')}</p>
              <Button onClick={() => window.print()}>{t('admin:poster.print')}</Button>
            </div>
            <article class="poster" aria-label={t('admin:poster.title')}>
              <h2 class="poster-heading">{t('admin:poster.heading', { village: village.name })}</h2>
              <p class="poster-lead">{t('admin:poster.lead', { village: village.name })}</p>
              {village.posterText ? <p class="poster-text">{village.posterText}</p> : null}
              <Qr text={link} label={link} />
              <p class="poster-steps">{t('admin:poster.steps', { village: village.name })}</p>
              <p class="poster-link">
                {t('admin:poster.linkLabel')} <span>{link}</span>
              </p>
              <p class="poster-office">{t('common:officeName')}</p>
            </article>
          </>
        )}
      </Page>
    </AdminGate>
  );
}
