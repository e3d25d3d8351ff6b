// The report form, shared by the mini app and the /report page: category, village or place, what
// happened, roughly when, which provider — no field for a person. Attachments are chosen here (checked
// for size and type before anything is sent, like certificates' documents), each with a plain "keep
// this photo's time and place" choice (off = stripped), and uploaded with the receipt once the report
// is in. A screening refusal (about a private person) is explained next to the form; nothing typed is
// lost.
import { useRef, useState } from 'preact/hooks';
import { precheckUpload, UPLOAD_ACCEPT } from '../../../../core/files/upload-precheck';
import {
  MAX_ATTACHMENTS_PER_TIP,
  PERIOD_MAX_CHARS,
  PLACE_MAX_CHARS,
  PROVIDER_MAX_CHARS,
  TIP_CATEGORIES,
  type TipCategory,
  type TSubmitTip,
  WHAT_MAX_CHARS,
} from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { errorMessage } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import type { Village } from '../../lib/api/endpoints';
import {
  type SubmittedTip,
  submitTipFromMiniApp,
  submitTipFromWeb,
  uploadReporterAttachment,
} from '../../lib/api/tipoffs';
import { type Translate, useT } from '../../lib/i18n';
import { categoryLabel } from './scope-and-tiers';
import { TipError, useCooldown } from './tip-errors';

export type ReporterChannel = 'mini_app' | 'web';

export interface ChosenFile {
  file: File;
  keepMetadata: boolean;
}

export interface UploadOutcome {
  name: string;
  ok: boolean;
  reason?: string;
}

interface FormState {
  category: TipCategory | '';
  villageId: string;
  place: string;
  what: string;
  period: string;
  provider: string;
}

const EMPTY: FormState = { category: '', villageId: '', place: '', what: '', period: '', provider: '' };
const SHOWN_FIELDS = ['category', 'villageId', 'place', 'what', 'period', 'provider'];

function toInput(form: FormState): TSubmitTip {
  return {
    category: form.category as TipCategory,
    villageId: form.villageId ? Number(form.villageId) : null,
    place: form.place.trim() || undefined,
    what: form.what,
    period: form.period,
    provider: form.provider.trim() || undefined,
  };
}

function localRefusal(file: File, maxMb: number, t: Translate): string | null {
  const problem = precheckUpload(file, maxMb);
  if (problem === 'payload_too_large')
    return t('report:form.tooLarge', {
      name: file.name,
      sizeMb: Math.round((file.size / 1048576) * 10) / 10,
      maxMb,
    });
  if (problem === 'unsupported_media_type') return t('report:form.wrongType', { name: file.name });
  return null;
}

/** Uploads the chosen files one by one with the receipt; a failed one does not stop the others. */
export async function uploadChosenFiles(
  receipt: string,
  files: readonly ChosenFile[],
  t: Translate,
  onProgress?: (done: number, total: number) => void,
): Promise<UploadOutcome[]> {
  const outcomes: UploadOutcome[] = [];
  for (const [i, chosen] of files.entries()) {
    onProgress?.(i, files.length);
    try {
      await uploadReporterAttachment(receipt, chosen.file, chosen.keepMetadata);
      outcomes.push({ name: chosen.file.name, ok: true });
    } catch (error) {
      outcomes.push({ name: chosen.file.name, ok: false, reason: errorMessage(error, t) });
    }
  }
  return outcomes;
}

export interface TipFormProps {
  channel: ReporterChannel;
  /** The villages to choose from (the place can always be written instead). */
  villages: readonly Village[];
  maxUploadMb: number;
  onSubmitted: (result: SubmittedTip, uploads: UploadOutcome[]) => void;
}

export function TipForm({ channel, villages, maxUploadMb, onSubmitted }: TipFormProps) {
  const t = useT();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [fileNotes, setFileNotes] = useState<string[]>([]);
  const [notify, setNotify] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const cooldown = useCooldown(error);
  const refusalRef = useRef<HTMLDivElement>(null);
  const screened = isApiError(error) && error.code === 'tip_screened';

  const set = (key: keyof FormState) => (e: Event) =>
    setForm((f) => ({ ...f, [key]: (e.currentTarget as HTMLInputElement).value }));
  const fieldError = (path: string) => (isApiError(error) ? error.fieldError(path) : undefined);

  const choose = (input: HTMLInputElement) => {
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    const notes: string[] = [];
    const next = [...files];
    for (const file of chosen) {
      const refusal = localRefusal(file, maxUploadMb, t);
      if (refusal) notes.push(refusal);
      else if (next.length >= MAX_ATTACHMENTS_PER_TIP)
        notes.push(t('report:form.tooMany', { count: MAX_ATTACHMENTS_PER_TIP }));
      else next.push({ file, keepMetadata: false });
    }
    setFiles(next);
    setFileNotes([...new Set(notes)]);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || cooldown > 0) return;
    setBusy(true);
    setError(null);
    try {
      const input = toInput(form);
      const result =
        channel === 'mini_app' ? await submitTipFromMiniApp(input, notify) : await submitTipFromWeb(input);
      const uploads = files.length
        ? await uploadChosenFiles(result.receipt, files, t, (done, total) => setProgress({ done, total }))
        : [];
      onSubmitted(result, uploads);
    } catch (err) {
      setError(err);
      // The explanation, not the top of the form: nothing typed moves or goes.
      if (isApiError(err) && err.code === 'tip_screened')
        requestAnimationFrame(() => refusalRef.current?.focus());
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <form class="form tip-form" onSubmit={submit} noValidate>
      {screened ? (
        <div class="card panel-warning tip-refusal" role="alert" tabIndex={-1} ref={refusalRef}>
          <h2 class="section-title">{t('report:form.refusedTitle')}</h2>
          <p>{t('report:form.refusedBody')}</p>
          <p class="field-hint">{t('report:form.refusedKept')}</p>
        </div>
      ) : null}

      <fieldset class="field tip-category" aria-invalid={fieldError('category') ? true : undefined}>
        <legend class="field-label">{t('report:form.category')}</legend>
        {TIP_CATEGORIES.map((c) => (
          <label key={c} class="choice">
            <input
              type="radio"
              name="category"
              value={c}
              checked={form.category === c}
              onChange={() => setForm((f) => ({ ...f, category: c }))}
            />
            <span>
              {categoryLabel(c, t)}
              <span class="field-hint">{t(`report:categoryHints.${c}`)}</span>
            </span>
          </label>
        ))}
        {fieldError('category') ? <p class="field-error">{fieldError('category')}</p> : null}
      </fieldset>

      {villages.length ? (
        <Field id="tip-village" label={t('report:form.village')} error={fieldError('villageId')}>
          <select value={form.villageId} onChange={set('villageId')}>
            <option value="">{t('report:form.villageNone')}</option>
            {villages.map((v) => (
              <option key={v.id} value={String(v.id)}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field
        id="tip-place"
        label={t('report:form.place')}
        hint={t('report:form.placeHint')}
        error={fieldError('place')}
      >
        <input type="text" value={form.place} maxLength={PLACE_MAX_CHARS} onInput={set('place')} />
      </Field>
      <Field
        id="tip-what"
        label={t('report:form.what')}
        hint={t('report:form.whatHint')}
        error={fieldError('what')}
      >
        <textarea rows={6} value={form.what} maxLength={WHAT_MAX_CHARS} onInput={set('what')} />
      </Field>
      <Field
        id="tip-period"
        label={t('report:form.period')}
        hint={t('report:form.periodHint')}
        error={fieldError('period')}
      >
        <input type="text" value={form.period} maxLength={PERIOD_MAX_CHARS} onInput={set('period')} />
      </Field>
      <Field
        id="tip-provider"
        label={t('report:form.provider')}
        hint={t('report:form.providerHint')}
        error={fieldError('provider')}
      >
        <input type="text" value={form.provider} maxLength={PROVIDER_MAX_CHARS} onInput={set('provider')} />
      </Field>

      <AttachmentPicker
        id="tip-files"
        files={files}
        notes={fileNotes}
        maxUploadMb={maxUploadMb}
        onChoose={choose}
        onChange={setFiles}
      />

      {channel === 'mini_app' ? (
        <label class="choice tip-notify">
          <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.currentTarget.checked)} />
          <span>
            {t('report:form.notify')}
            <span class="field-hint">{t('report:form.notifyHint')}</span>
          </span>
        </label>
      ) : null}

      {screened ? null : <TipError error={error} cooldown={cooldown} shownFields={SHOWN_FIELDS} />}
      {progress ? (
        <p class="note" role="status">
          {t('report:form.uploading', { done: progress.done + 1, total: progress.total })}
        </p>
      ) : null}
      <Button type="submit" block busy={busy} disabled={cooldown > 0}>
        {busy ? t('report:form.submitting') : t('report:form.submit')}
      </Button>
    </form>
  );
}

/** Files chosen before sending, each with its "keep time and place" choice (off by default). */
export function AttachmentPicker({
  id,
  files,
  notes,
  maxUploadMb,
  onChoose,
  onChange,
  label,
}: {
  id: string;
  files: readonly ChosenFile[];
  notes: readonly string[];
  maxUploadMb: number;
  onChoose: (input: HTMLInputElement) => void;
  onChange: (files: ChosenFile[]) => void;
  label?: string;
}) {
  const t = useT();
  return (
    <div class="field tip-files">
      <label class="field-label" for={id}>
        {label ?? t('report:form.attachments')}
      </label>
      <p class="field-hint" id={`${id}-hint`}>
        {t('report:form.attachmentsHint', { count: MAX_ATTACHMENTS_PER_TIP, maxMb: maxUploadMb })}
      </p>
      {/* The browser's own file button speaks the browser's language ("Choose Files"), not the page's. */}
      <input
        id={id}
        type="file"
        multiple
        class="visually-hidden tip-file-input"
        accept={UPLOAD_ACCEPT}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChoose(e.currentTarget)}
      />
      <label for={id} class="button button-secondary tip-file-button" aria-hidden="true">
        {t('report:form.addFiles')}
      </label>
      {notes.map((n) => (
        <p key={n} class="field-error">
          {n}
        </p>
      ))}
      {files.length ? (
        <ul class="plain-list tip-file-list">
          {files.map((chosen, i) => (
            <li key={`${i}-${chosen.file.name}`} class="card tip-file">
              <div class="tip-file-head">
                <span class="tip-file-name">{chosen.file.name}</span>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                >
                  {t('report:form.remove', { name: chosen.file.name })}
                </button>
              </div>
              {chosen.file.type === 'application/pdf' ? null : (
                <label class="choice">
                  <input
                    type="checkbox"
                    checked={chosen.keepMetadata}
                    onChange={(e) => {
                      const keepMetadata = e.currentTarget.checked;
                      onChange(files.map((f, j) => (j === i ? { ...f, keepMetadata } : f)));
                    }}
                  />
                  <span>
                    {t('report:form.keepMetadata')}
                    <span class="field-hint">{t('report:form.keepMetadataHint')}</span>
                  </span>
                </label>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
