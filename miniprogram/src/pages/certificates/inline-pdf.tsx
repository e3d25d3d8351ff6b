// A PDF shown in the page on a desk-wide screen (the browser's own viewer in a frame of a blob: URL),
// so an officer reads a document beside the form instead of in a new tab. The file is fetched with the
// sign-in like every document (the read is audited by the API) and labelled as a PDF whatever the
// response said, so nothing but the PDF viewer ever runs in the frame.
import { ErrorState } from '../../components/states';
import { useT } from '../../lib/i18n';
import { useObjectUrl } from './object-url';

export interface InlinePdfProps {
  load: () => Promise<Blob>;
  /** Changes when it is another file (the document's id). */
  fileKey: string;
  /** What the frame shows, for screen readers. */
  title: string;
}

export function InlinePdf({ load, fileKey, title }: InlinePdfProps) {
  const t = useT();
  const pdf = useObjectUrl(
    () => load().then((blob) => new Blob([blob], { type: 'application/pdf' })),
    fileKey,
  );
  if (pdf.error) return <ErrorState error={pdf.error} onRetry={pdf.reload} />;
  if (!pdf.url) return <span class="spinner" role="img" aria-label={t('ui.loading')} />;
  return <iframe class="doc-frame" src={pdf.url} title={title} />;
}
