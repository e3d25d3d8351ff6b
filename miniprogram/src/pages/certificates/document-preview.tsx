// One uploaded document, under its name: a thumbnail for photos (fetched with the sign-in, shown via
// a blob: URL), a PDF mark with an "open" button for PDFs, and optionally a delete button. On the
// officer's review screen at a desk (≥ 1024 px) the document is read in the page — PDFs in the
// browser's viewer — and nothing opens a new tab.
import { useState } from 'preact/hooks';
import { ErrorState, errorMessage } from '../../components/states';
import { type ApplicationDocument, fetchDocument } from '../../lib/api/certificates';
import { useDesktop } from '../../lib/desktop';
import { useT } from '../../lib/i18n';
import { documentName, kindTitle } from './document-names';
import { InlinePdf } from './inline-pdf';
import { openBlob, useObjectUrl } from './object-url';

export interface DocumentPreviewProps {
  applicationId: string;
  doc: ApplicationDocument;
  /** Position among documents of the same kind: names a chat photo that came without a name. */
  index: number;
  /** The officer's review screen: a large image instead of a thumbnail. */
  large?: boolean;
  /** Say what it is above its name (other documents: the applicant's word for it). */
  showKind?: boolean;
  /** Asks for confirmation itself (the caller's dialog), then deletes. */
  onDelete?: () => void;
}

export function DocumentPreview({
  applicationId,
  doc,
  index,
  large,
  showKind,
  onDelete,
}: DocumentPreviewProps) {
  const t = useT();
  const isImage = doc.contentType.startsWith('image/');
  const desktop = useDesktop();
  const inline = !!large && desktop;
  const image = useObjectUrl(() => fetchDocument(applicationId, doc.id), doc.id, isImage);
  // A photo the browser cannot decode (a damaged or unusual JPEG) still has its "open" button.
  const [broken, setBroken] = useState(false);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const label = documentName(doc, index, t);
  // The picture's alternative text says what it shows as well as its name.
  const kind = kindTitle(doc, t);
  const open = async () => {
    setOpening(true);
    setOpenError(null);
    try {
      openBlob(await fetchDocument(applicationId, doc.id));
    } catch (e) {
      setOpenError(e);
    } finally {
      setOpening(false);
    }
  };
  return (
    <figure class={inline && !isImage ? 'doc doc-large doc-inline-pdf' : large ? 'doc doc-large' : 'doc'}>
      <div class="doc-visual">
        {!isImage && inline ? (
          <InlinePdf
            load={() => fetchDocument(applicationId, doc.id)}
            fileKey={doc.id}
            title={`${kind} · ${label}`}
          />
        ) : !isImage ? (
          <span class="doc-pdf" aria-hidden="true">
            PDF
          </span>
        ) : broken ? (
          <span class="doc-broken">{t('certForm.docs.noPreview')}</span>
        ) : image.url ? (
          <img src={image.url} alt={`${kind} · ${label}`} onError={() => setBroken(true)} />
        ) : image.error ? (
          <ErrorState error={image.error} onRetry={image.reload} />
        ) : (
          <span class="spinner" role="img" aria-label={t('ui.loading')} />
        )}
      </div>
      <figcaption class="doc-caption">
        {showKind ? <span class="doc-kind-label">{kind}</span> : null}
        <span class="doc-name">{label}</span>
        <span class="doc-meta">
          {doc.contentType === 'application/pdf'
            ? 'PDF'
            : doc.contentType.replace('image/', '').toUpperCase()}
          {' · '}
          {t('certForm.docs.size', { kb: Math.max(1, Math.round(doc.sizeBytes / 1024)) })}
          {doc.source === 'bot' ? ` · ${t('certForm.docs.viaBot')}` : ''}
        </span>
        <span class="doc-actions">
          {(!inline && (!isImage || large)) || broken ? (
            <button type="button" class="link-button" onClick={() => void open()} disabled={opening}>
              {t('certForm.docs.open')}
              <span class="visually-hidden"> {label}</span>
            </button>
          ) : null}
          {onDelete ? (
            <button type="button" class="link-button link-danger" onClick={onDelete}>
              {t('certForm.docs.delete')}
              <span class="visually-hidden"> {label}</span>
            </button>
          ) : null}
        </span>
        {openError ? (
          <span class="field-error" role="alert">
            {errorMessage(openError, t)}
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
