// The two uploads of the file: a check-up report (clinic, city, date and the report) and a proof from
// the new place (what it is, and the document). The file is checked here for size and type before it
// is sent (core/files/upload-precheck, as for the certificate's documents); the fields with the
// shared schema (core/service-file/service-file-schema), so mistakes show at once and the server
// refuses the same ones.
import { useState } from 'preact/hooks';
import { precheckUpload, UPLOAD_ACCEPT } from '../../../../core/files/upload-precheck';
import {
  CITY_MAX_CHARS,
  CLINIC_MAX_CHARS,
  PROOF_LABEL_MAX_CHARS,
  ZCheckupFormSchema,
  ZProofFormSchema,
} from '../../../../core/service-file/service-file-schema';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { fieldErrors } from '../../lib/api/api-error';
import { getConfig } from '../../lib/api/endpoints';
import { submitCheckup, submitProof } from '../../lib/api/service-file';
import { type Translate, useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { issuesByField } from './validation';

type Kind = 'health_checkup' | 'residence_proof';

/** Today in Beijing time, as the date input's upper bound (a check-up cannot be in the future). */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function fileProblem(file: File | null, maxMb: number | undefined, t: Translate): string | undefined {
  if (!file) return t('fileApp:checkup.fileMissing');
  if (maxMb === undefined) return undefined;
  const problem = precheckUpload(file, maxMb);
  if (problem === 'payload_too_large')
    return t('certForm.docs.tooLarge', {
      name: file.name,
      sizeMb: Math.round((file.size / 1048576) * 10) / 10,
      maxMb,
    });
  if (problem === 'unsupported_media_type') return t('certForm.docs.wrongType', { name: file.name });
  return undefined;
}

export function UploadForm({ kind, onSent }: { kind: Kind; onSent: () => void }) {
  const t = useT();
  const config = useResource(getConfig);
  const maxMb = config.data?.certificates.maxUploadMb;
  const [values, setValues] = useState({ clinic: '', city: '', examDate: '', label: '' });
  const [file, setFile] = useState<File | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const checkup = kind === 'health_checkup';
  const parsed = checkup
    ? ZCheckupFormSchema.safeParse({ clinic: values.clinic, city: values.city, examDate: values.examDate })
    : ZProofFormSchema.safeParse(values.label.trim() ? { label: values.label } : {});
  const local = issuesByField(parsed, t);
  const fileError = fileProblem(file, maxMb, t);
  const server = fieldErrors(error);
  const errorOf = (path: string) => server[path] ?? (showErrors ? local[path] : undefined);

  const send = async () => {
    setShowErrors(true);
    setError(null);
    if (!parsed.success || fileError || !file) {
      const first = ['clinic', 'city', 'examDate', 'label'].find((p) => local[p]) ?? 'report-file';
      document.getElementById(`sf-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      if (checkup)
        await submitCheckup({ ...(parsed.data as { clinic: string; city: string; examDate: string }), file });
      else await submitProof({ label: values.label.trim() || undefined, file });
      onSent();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton({
    text: busy ? t('fileApp:checkup.submitting') : t('fileApp:checkup.submit'),
    onClick: () => void send(),
    progress: busy,
  });
  const set = (key: keyof typeof values) => (e: Event) =>
    setValues((v) => ({ ...v, [key]: (e.currentTarget as HTMLInputElement).value }));

  return (
    <form
      class="card form"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      noValidate
    >
      <h2 class="notice-title">{t(checkup ? 'fileApp:checkup.title' : 'fileApp:proof.title')}</h2>
      {checkup ? (
        <>
          <p class="field-hint">{t('fileApp:checkup.noResults')}</p>
          <Field
            id="sf-clinic"
            label={t('fileApp:checkup.clinic')}
            hint={t('fileApp:checkup.clinicHint')}
            error={errorOf('clinic')}
          >
            <input type="text" maxLength={CLINIC_MAX_CHARS} value={values.clinic} onInput={set('clinic')} />
          </Field>
          <Field id="sf-city" label={t('fileApp:checkup.city')} error={errorOf('city')}>
            <input type="text" maxLength={CITY_MAX_CHARS} value={values.city} onInput={set('city')} />
          </Field>
          <Field id="sf-examDate" label={t('fileApp:checkup.examDate')} error={errorOf('examDate')}>
            <input type="date" max={todayInShanghai()} value={values.examDate} onInput={set('examDate')} />
          </Field>
        </>
      ) : (
        <Field
          id="sf-label"
          label={t('fileApp:proof.label')}
          hint={t('fileApp:proof.labelHint')}
          error={errorOf('label')}
        >
          <input type="text" maxLength={PROOF_LABEL_MAX_CHARS} value={values.label} onInput={set('label')} />
        </Field>
      )}
      {/* Not a .field: its rules would size the hidden file input to the full width. */}
      <div
        class={errorOf('file') || (showErrors && fileError) ? 'upload-field field-invalid' : 'upload-field'}
      >
        <span class="field-label" id="report-file-label">
          {t(checkup ? 'fileApp:checkup.report' : 'fileApp:proof.file')}
        </span>
        <div class="file-picker">
          <input
            id="report-file"
            class="visually-hidden"
            type="file"
            accept={UPLOAD_ACCEPT}
            aria-labelledby="report-file-label"
            aria-describedby="report-file-hint"
            disabled={busy}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          <label for="report-file" class="button button-secondary button-block">
            {t('fileApp:checkup.choose')}
          </label>
        </div>
        {file ? <p class="field-hint">{t('fileApp:checkup.chosen', { name: file.name })}</p> : null}
        {errorOf('file') || (showErrors && fileError) ? (
          <p class="field-error">{errorOf('file') ?? fileError}</p>
        ) : null}
        <p class="field-hint" id="report-file-hint">
          {t('fileApp:checkup.reportHint', { maxMb: maxMb ?? 10 })}
        </p>
      </div>
      <FormError error={error} shownFields={['clinic', 'city', 'examDate', 'label', 'file']} />
    </form>
  );
}
