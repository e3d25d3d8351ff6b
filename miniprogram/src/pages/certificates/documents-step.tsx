// Step 5 of the form: the evidence. One section per document kind with its files (by name), an
// upload control (several files at once, each checked here for size and type before it is sent, then
// sent as its own request), what is still required, and "other documents" the office may ask for,
// named by the applicant. Deleting a file asks first.
import { useState } from 'preact/hooks';
import { DOCUMENT_LABEL_MAX_CHARS } from '../../../../core/certificates/certificate-limits';
import { precheckUpload, UPLOAD_ACCEPT } from '../../../../core/files/upload-precheck';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
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
import { type Translate, useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { documentName } from './document-names';
import { DocumentPreview } from './document-preview';
import { DOCUMENT_KIND_LIST, fieldId } from './form-fields';

interface Failure {
  key: string;
  /** Already in the person's words (a local check, or the server's answer). */
  text: string;
  error?: unknown;
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

/** Why a chosen file is not sent at all: too large or not a photo/PDF (limits from /api/config). */
function localRefusal(file: File, maxMb: number, t: Translate): string | null {
  const problem = precheckUpload(file, maxMb);
  if (problem === 'payload_too_large')
    return t('certForm.docs.tooLarge', {
      name: file.name,
      sizeMb: Math.round((file.size / 1048576) * 10) / 10,
      maxMb,
    });
  if (problem === 'unsupported_media_type') return t('certForm.docs.wrongType', { name: file.name });
  return null;
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
  const config = useResource(getConfig);
  const maxUploadMb = config.data?.certificates.maxUploadMb;
  const [busyKind, setBusyKind] = useState<DocumentKind | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failures, setFailures] = useState<Partial<Record<DocumentKind, Failure[]>>>({});
  const [otherLabel, setOtherLabel] = useState('');
  const [confirmDelete, setConfirmDelete] = useState<{ doc: ApplicationDocument; name: string } | null>(null);

  const missing = required.filter((k) => !documents.some((d) => d.kind === k));
  // The marriage certificate only appears for married applicants (or if one was sent anyway); the
  // section for other documents is always there, for whatever the office asks for.
  const kinds = DOCUMENT_KIND_LIST.filter(
    (k) => k === 'other' || required.includes(k) || documents.some((d) => d.kind === k),
  );

  const refresh = async () => {
    const view = await getApplication(applicationId);
    onChange(view.documents);
  };

  const upload = async (kind: DocumentKind, input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (!files.length) return;
    const label = otherLabel.trim();
    if (kind === 'other' && !label) {
      setFailures((f) => ({ ...f, other: [{ key: 'label', text: t('certForm.docs.otherLabelFirst') }] }));
      document.getElementById('doc-other-label')?.focus();
      return;
    }
    setFailures((f) => ({ ...f, [kind]: [] }));
    const failed: Failure[] = [];
    // Chosen before the limits arrived: wait for them (the server still checks if they never come).
    const maxMb =
      maxUploadMb ??
      (await getConfig().then(
        (c) => c.certificates.maxUploadMb,
        () => undefined,
      ));
    // Refused here at once (never sent): a 20 MB video does not upload for a minute to be refused.
    const sendable = files.filter((file, i) => {
      const refusal = maxMb === undefined ? null : localRefusal(file, maxMb, t);
      if (refusal) failed.push({ key: `${i}-${file.name}`, text: refusal });
      return !refusal;
    });
    if (sendable.length) {
      setBusyKind(kind);
      // One request per file: a failed file does not lose the others, and each is checked on its own.
      for (const [i, file] of sendable.entries()) {
        setProgress({ done: i, total: sendable.length });
        try {
          await uploadDocument(applicationId, kind, file, kind === 'other' ? label : undefined);
        } catch (error) {
          failed.push({
            key: `${i}-${file.name}`,
            text: t('certForm.docs.failed', { name: file.name, reason: errorMessage(error, t) }),
            error,
          });
        }
      }
      try {
        await refresh();
        if (kind === 'other') setOtherLabel('');
      } catch (error) {
        failed.push({ key: 'refresh', text: errorMessage(error, t), error });
      }
    }
    setFailures((f) => ({ ...f, [kind]: failed }));
    setProgress(null);
    setBusyKind(null);
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
        {maxUploadMb !== undefined ? (
          <p class="field-hint">{t('certForm.docs.formats', { maxMb: maxUploadMb })}</p>
        ) : null}
        <p class="field-hint">{t('certForm.docs.viaBotHint')}</p>
      </div>
      {confirmDelete ? (
        <ConfirmDialog
          title={t('certForm.docs.deleteTitle')}
          body={t('certForm.docs.deleteBody', { name: confirmDelete.name })}
          confirm={t('certForm.docs.delete')}
          danger
          action={() => deleteDocument(applicationId, confirmDelete.doc.id)}
          onConfirmed={() => onChange(documents.filter((d) => d.id !== confirmDelete.doc.id))}
          onClose={() => setConfirmDelete(null)}
        />
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
            {kind === 'other' ? <p class="field-hint">{t('certForm.docs.otherHint')}</p> : null}
            {mine.length ? (
              <div class="doc-grid">
                {mine.map((doc, i) => (
                  <DocumentPreview
                    key={doc.id}
                    applicationId={applicationId}
                    doc={doc}
                    index={i}
                    showKind={kind === 'other'}
                    onDelete={() => setConfirmDelete({ doc, name: documentName(doc, i, t) })}
                  />
                ))}
              </div>
            ) : null}
            {kind === 'other' ? (
              <Field
                id="doc-other-label"
                label={t('certForm.docs.otherLabel')}
                hint={t('certForm.docs.otherLabelHint', { max: DOCUMENT_LABEL_MAX_CHARS })}
              >
                <input
                  type="text"
                  maxLength={DOCUMENT_LABEL_MAX_CHARS}
                  value={otherLabel}
                  onInput={(e) => setOtherLabel(e.currentTarget.value)}
                />
              </Field>
            ) : null}
            <div class="file-picker">
              <input
                id={id}
                class="visually-hidden"
                type="file"
                accept={UPLOAD_ACCEPT}
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
                <p>{f.text}</p>
                {f.error ? <RequestId error={f.error} /> : null}
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
