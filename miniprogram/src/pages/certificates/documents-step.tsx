// Step 5 of the form: the evidence. One section per document kind with its thumbnails, an upload
// control (several files at once, each sent as its own request) and what is still required.
import { useState } from 'preact/hooks';
import { errorMessage, RequestId } from '../../components/states';
import {
  type ApplicationDocument,
  type DocumentKind,
  deleteDocument,
  getApplication,
  uploadDocument,
} from '../../lib/api/certificates';
import { getConfig } from '../../lib/api/endpoints';
import { formatList } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { DocumentPreview } from './document-preview';
import { DOCUMENT_KIND_LIST, fieldId } from './form-fields';

const ACCEPT = 'image/jpeg,image/png,application/pdf';

interface Failure {
  key: string;
  fileName: string;
  error: unknown;
}

export interface DocumentsStepProps {
  applicationId: string;
  documents: readonly ApplicationDocument[];
  required: readonly DocumentKind[];
  onChange: (documents: ApplicationDocument[]) => void;
  /** The message to show for 'documents.<kind>' (missing, or the server's answer). */
  errorFor: (path: string) => string | undefined;
  flagFor: (path: string) => string | undefined;
}

export function DocumentsStep({
  applicationId,
  documents,
  required,
  onChange,
  errorFor,
  flagFor,
}: DocumentsStepProps) {
  const t = useT();
  const maxUploadMb = useResource(getConfig).data?.certificates.maxUploadMb ?? 10;
  const [busyKind, setBusyKind] = useState<DocumentKind | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failures, setFailures] = useState<Partial<Record<DocumentKind, Failure[]>>>({});
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);

  const missing = required.filter((k) => !documents.some((d) => d.kind === k));
  // The marriage certificate only appears for married applicants (or if one was sent anyway).
  const kinds = DOCUMENT_KIND_LIST.filter((k) => required.includes(k) || documents.some((d) => d.kind === k));

  const refresh = async () => {
    const view = await getApplication(applicationId);
    onChange(view.documents);
  };

  const upload = async (kind: DocumentKind, input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    if (!files.length) return;
    setBusyKind(kind);
    setFailures((f) => ({ ...f, [kind]: [] }));
    const failed: Failure[] = [];
    // One request per file: a failed file does not lose the others, and each is checked on its own.
    for (const [i, file] of files.entries()) {
      setProgress({ done: i, total: files.length });
      try {
        await uploadDocument(applicationId, kind, file);
      } catch (error) {
        failed.push({ key: `${i}-${file.name}`, fileName: file.name, error });
      }
    }
    try {
      await refresh();
    } catch (error) {
      failed.push({ key: 'refresh', fileName: '', error });
    }
    input.value = '';
    setFailures((f) => ({ ...f, [kind]: failed }));
    setProgress(null);
    setBusyKind(null);
  };

  const remove = async (doc: ApplicationDocument) => {
    setDeleting(doc.id);
    setDeleteError(null);
    try {
      await deleteDocument(applicationId, doc.id);
      onChange(documents.filter((d) => d.id !== doc.id));
    } catch (e) {
      setDeleteError(e);
    } finally {
      setDeleting(null);
    }
  };

  return (
    <div class="form">
      <div class={missing.length ? 'card panel-warning' : 'card panel-success'} role="status">
        {missing.length ? (
          <p>
            {t('certForm.docs.stillNeeded', {
              kinds: formatList(
                missing.map((k) => t(`certificates:documentKind.${k}`)),
                t,
              ),
            })}
          </p>
        ) : (
          <p>{t('certForm.docs.allThere')}</p>
        )}
        <p class="field-hint">{t('certForm.docs.formats', { maxMb: maxUploadMb })}</p>
        <p class="field-hint">{t('certForm.docs.viaBotHint')}</p>
      </div>
      {deleteError ? (
        <div class="form-error" role="alert">
          <p>{errorMessage(deleteError, t)}</p>
          <RequestId error={deleteError} />
        </div>
      ) : null}
      {kinds.map((kind) => {
        const mine = documents.filter((d) => d.kind === kind);
        const path = `documents.${kind}`;
        const error = errorFor(path);
        const flag = flagFor(path);
        const busy = busyKind === kind;
        const id = fieldId(path);
        return (
          <section
            key={kind}
            class={error ? 'card doc-kind field-invalid' : 'card doc-kind'}
            aria-labelledby={`${id}-title`}
          >
            <div class="doc-kind-head">
              <h3 id={`${id}-title`}>{t(`certificates:documentKind.${kind}`)}</h3>
              {mine.length ? (
                <span class="badge badge-success">{t('certForm.docs.uploaded', { count: mine.length })}</span>
              ) : required.includes(kind) ? (
                <span class="badge badge-warning">{t('certForm.docs.required')}</span>
              ) : null}
            </div>
            {flag ? <p class="field-flag">{flag}</p> : null}
            {mine.length ? (
              <div class="doc-grid">
                {mine.map((doc, i) => (
                  <DocumentPreview
                    key={doc.id}
                    applicationId={applicationId}
                    doc={doc}
                    index={i}
                    onDelete={() => void remove(doc)}
                    deleting={deleting === doc.id}
                  />
                ))}
              </div>
            ) : null}
            <div class="file-picker">
              <input
                id={id}
                class="visually-hidden"
                type="file"
                accept={ACCEPT}
                multiple
                disabled={busyKind !== null}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(event) => void upload(kind, event.currentTarget)}
              />
              <label
                for={id}
                class={
                  busyKind !== null
                    ? 'button button-secondary button-block is-disabled'
                    : 'button button-secondary button-block'
                }
              >
                {busy && progress
                  ? t('certForm.docs.uploading', { done: progress.done + 1, total: progress.total })
                  : t(mine.length ? 'certForm.docs.addMore' : 'certForm.docs.add', {
                      kind: t(`certificates:documentKind.${kind}`),
                    })}
              </label>
            </div>
            {error ? (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
            {(failures[kind] ?? []).map((f) => (
              <div key={f.key} class="form-error" role="alert">
                <p>
                  {f.fileName
                    ? t('certForm.docs.failed', { name: f.fileName, reason: errorMessage(f.error, t) })
                    : errorMessage(f.error, t)}
                </p>
                <RequestId error={f.error} />
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
