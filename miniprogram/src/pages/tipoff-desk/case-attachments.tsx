// The reporter's attachments on a tip: photos shown in the page, PDFs opened in the viewer — each
// fetched with the sign-in (every read is in the audit log). Whether the reporter kept a photo's time
// and place as evidence is said beside it.
import { useState } from 'preact/hooks';
import { ErrorState, errorMessage } from '../../components/states';
import { fetchTipAttachment, type TipAttachment } from '../../lib/api/tipoff-desk';
import { useDesktop } from '../../lib/desktop';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { InlinePdf } from '../certificates/inline-pdf';
import { openBlob, useObjectUrl } from '../certificates/object-url';

function AttachmentView({ tipId, file, index }: { tipId: string; file: TipAttachment; index: number }) {
  const { t, language } = useI18n();
  const isImage = file.contentType.startsWith('image/');
  const image = useObjectUrl(() => fetchTipAttachment(tipId, file.id), file.id, isImage);
  // At a desk the file is read in the page (PDFs in the browser's viewer), never in a new tab.
  const inline = useDesktop();
  const [broken, setBroken] = useState(false);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const name = t('tipoffDesk:attachments.name', { n: index + 1 });
  const open = async () => {
    setOpening(true);
    setOpenError(null);
    try {
      openBlob(await fetchTipAttachment(tipId, file.id));
    } catch (e) {
      setOpenError(e);
    } finally {
      setOpening(false);
    }
  };
  return (
    <figure class={inline && !isImage ? 'doc doc-large doc-inline-pdf' : 'doc doc-large'}>
      <div class="doc-visual">
        {!isImage && inline ? (
          <InlinePdf load={() => fetchTipAttachment(tipId, file.id)} fileKey={file.id} title={name} />
        ) : !isImage ? (
          <span class="doc-pdf" aria-hidden="true">
            PDF
          </span>
        ) : broken ? (
          <span class="doc-broken">{t('tipoffDesk:attachments.noPreview')}</span>
        ) : image.url ? (
          <img src={image.url} alt={name} onError={() => setBroken(true)} />
        ) : image.error ? (
          <ErrorState error={image.error} onRetry={image.reload} />
        ) : (
          <span class="spinner" role="img" aria-label={t('ui.loading')} />
        )}
      </div>
      <figcaption class="doc-caption">
        <span class="doc-name">{name}</span>
        <span class="doc-meta">
          {file.contentType === 'application/pdf'
            ? 'PDF'
            : file.contentType.replace('image/', '').toUpperCase()}
          {' · '}
          {t('tipoffDesk:attachments.size', { kb: Math.max(1, Math.round(file.sizeBytes / 1024)) })}
          {' · '}
          {formatDate(file.day, language)}
        </span>
        {isImage ? (
          <span class="doc-meta">
            {t(file.keptMetadata ? 'tipoffDesk:attachments.keptMetadata' : 'tipoffDesk:attachments.stripped')}
          </span>
        ) : null}
        {inline && !broken ? null : (
          <span class="doc-actions">
            <button type="button" class="link-button" onClick={() => void open()} disabled={opening}>
              {t('tipoffDesk:attachments.open')}
              <span class="visually-hidden"> {name}</span>
            </button>
          </span>
        )}
        {openError ? (
          <span class="field-error" role="alert">
            {errorMessage(openError, t)}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

export function CaseAttachments({ tipId, files }: { tipId: string; files: readonly TipAttachment[] }) {
  const { t } = useI18n();
  if (!files.length) return <p class="muted">{t('tipoffDesk:attachments.none')}</p>;
  return (
    <div class="stack">
      <p class="field-hint">{t('tipoffDesk:attachments.audited')}</p>
      {files.map((f, i) => (
        <AttachmentView key={f.id} tipId={tipId} file={f} index={i} />
      ))}
    </div>
  );
}
