// The application form for a draft or a returned application, step by step: personal details,
// residence, marital status, children, documents, review & submit. Saved as it is typed (a short pause
// after the last change), on every step change, when the page is left or hidden, and with the Save
// button — always through the draft API's version check; it reopens at the step last shown. Validated
// in the browser with the server's own zod schema, and on submit every problem — the browser's or the
// server's — is listed at once with a link to its field. Loaded as its own chunk (it brings zod).
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  ADDRESS_MAX_CHARS,
  DRAFT_NAME_MAX_CHARS,
  ID_NUMBER_CHARS,
  PHONE_CHARS,
} from '../../../../core/certificates/certificate-limits';
import { parseResidentId } from '../../../../core/certificates/resident-id';
import { todayInShanghai } from '../../../../core/review/working-days';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Page } from '../../components/page';
import { ErrorState, errorMessage, FormError, RequestId } from '../../components/states';
import { type ApiError, type FieldIssue, isApiError } from '../../lib/api/api-error';
import {
  type ApplicationDocument,
  type ApplicationView,
  type SaveDraftBody,
  saveDraft,
  submitApplication,
} from '../../lib/api/certificates';
import { getVillages } from '../../lib/api/endpoints';
import { type TextKey, type Translate, useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import { ApplicationSummary } from './application-summary';
import { DocumentsStep } from './documents-step';
import {
  FIELDS,
  fieldId,
  isMarried,
  labelOfPath,
  MARITAL_STATUS_LIST,
  MAX_CHILDREN,
  normalizePath,
  pathOfTarget,
  SEX_LIST,
  STEPS,
  type StepId,
  stepIndex,
  stepOfPath,
} from './form-fields';
import {
  emptyChild,
  type FormState,
  fromServer,
  getAt,
  requiredKinds,
  setAt,
  toPayload,
  validate,
} from './form-state';
import { trackSave } from './pending-saves';

/** The pause after the last keystroke before the draft is saved. */
const AUTOSAVE_DELAY_MS = 1200;

/** The step last shown, per application, kept on this device so a reload or a return reopens it. */
const stepStore = {
  key: (id: string) => `certForm.step.${id}`,
  read(id: string): number {
    try {
      const n = Number(localStorage.getItem(stepStore.key(id)));
      return Number.isInteger(n) && n > 0 && n < STEPS.length ? n : 0;
    } catch {
      return 0; // storage disabled: start at the first step
    }
  },
  write(id: string, step: number | null): void {
    try {
      if (step === null) localStorage.removeItem(stepStore.key(id));
      else localStorage.setItem(stepStore.key(id), String(step));
    } catch {
      // storage disabled or full: only the convenience is lost
    }
  },
};

export interface ApplicationFormProps {
  view: ApplicationView;
  /** Fetch the application again (after a conflict, or to leave the form once it is locked). */
  onReload: () => void;
  onSubmitted: () => void;
}

interface Problem {
  path: string;
  step: StepId;
  label: string;
  message: string;
}

/** Schema messages are keys ('certificates:validation.idCheckDigit'); anything else gets a generic text. */
function translateIssue(message: string, t: Translate): string {
  return message.startsWith('certificates:validation.')
    ? t(message as TextKey)
    : t('certificates:validation.invalidValue');
}

const ORDER = [...FIELDS.map((f) => f.path)];
function fieldOrder(path: string): number {
  const i = ORDER.findIndex((p) => path === p || path.startsWith(`${p}.`));
  return i < 0 ? ORDER.length : i;
}

export function ApplicationForm({ view, onReload, onSubmitted }: ApplicationFormProps) {
  const t = useT();
  const villages = useResource(getVillages);
  const [form, setForm] = useState<FormState>(() => fromServer(view.form));
  const [villageId, setVillageId] = useState<number | null>(view.villageId);
  const [documents, setDocuments] = useState<ApplicationDocument[]>(view.documents);
  const [step, setStep] = useState(() => stepStore.read(view.id));
  const [focusTarget, setFocusTarget] = useState<{ id: string } | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [shownSteps, setShownSteps] = useState<ReadonlySet<StepId>>(new Set());
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [saveState, setSaveState] = useState<{
    state: 'idle' | 'saving' | 'saved' | 'error';
    error?: unknown;
  }>({
    state: 'idle',
  });
  const [blocked, setBlocked] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);

  // Saving works from refs: it runs after renders and must send the newest form and version.
  const latest = useRef({ form, villageId });
  latest.current = { form, villageId };
  const version = useRef(view.version);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const saveNow = async (): Promise<boolean> => {
    // One save at a time: each starts from the version the previous one returned.
    while (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    const snapshot = latest.current;
    dirty.current = false;
    const run = (async () => {
      setSaveState({ state: 'saving' });
      try {
        const saved = await saveDraft(view.id, {
          form: toPayload(snapshot.form) as SaveDraftBody['form'],
          villageId: snapshot.villageId,
          version: version.current,
        });
        version.current = saved.version;
        setSaveState({ state: 'saved' });
        return true;
      } catch (e) {
        dirty.current = true;
        if (isApiError(e) && (e.code === 'version_conflict' || e.code === 'application_locked'))
          setBlocked(e);
        setSaveState({ state: 'error', error: e });
        return false;
      }
    })();
    inFlight.current = run;
    trackSave(view.id, run);
    try {
      return await run;
    } finally {
      if (inFlight.current === run) inFlight.current = null;
    }
  };

  // Save as you go: a pause after the last change, and whenever the form is left — 返回, another
  // page, the app closed or sent to the background — so nothing typed is lost without a word.
  const autosave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const blockedRef = useRef(false);
  blockedRef.current = blocked !== null;
  const flush = () => {
    clearTimeout(autosave.current);
    if (dirty.current && !blockedRef.current) void saveNow();
  };
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flushRef.current();
    };
    const onPageHide = () => flushRef.current();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onPageHide);
      flushRef.current();
    };
  }, []);
  useEffect(() => stepStore.write(view.id, step), [view.id, step]);

  const changed = (paths: string[]) => {
    dirty.current = true;
    clearTimeout(autosave.current);
    autosave.current = setTimeout(() => flushRef.current(), AUTOSAVE_DELAY_MS);
    setServerIssues((issues) =>
      issues.filter((i) => !paths.some((p) => i.path === p || i.path.startsWith(`${p}.`))),
    );
    setSaveState((s) => (s.state === 'saved' ? { state: 'idle' } : s));
  };
  const update = (path: string, value: string) => {
    setForm((f) => setAt(f, path, value));
    changed([path]);
  };
  const touch = (path: string) => setTouched((s) => (s.has(path) ? s : new Set(s).add(path)));

  // --- validation --------------------------------------------------------------------------------
  const payload = useMemo(() => toPayload(form), [form]);
  const required = useMemo(() => requiredKinds(payload), [payload]);
  const clientIssues = useMemo(
    () => validate(payload, villageId, documents),
    [payload, villageId, documents],
  );
  const problems: Problem[] = useMemo(() => {
    const byPath = new Map<string, string>();
    for (const [path, key] of clientIssues) byPath.set(path, translateIssue(key, t));
    // The server has the last word: its message replaces the browser's for the same field.
    for (const issue of serverIssues) byPath.set(issue.path, issue.message);
    return [...byPath]
      .map(([path, message]) => ({ path, message, step: stepOfPath(path), label: labelOfPath(path, t) }))
      .sort((a, b) => stepIndex(a.step) - stepIndex(b.step) || fieldOrder(a.path) - fieldOrder(b.path));
  }, [clientIssues, serverIssues, t]);

  const errorFor = (path: string): string | undefined => {
    const server = serverIssues.find((i) => i.path === path);
    if (server) return server.message;
    const key = clientIssues.get(path);
    if (!key) return undefined;
    return touched.has(path) || shownSteps.has(stepOfPath(path)) ? translateIssue(key, t) : undefined;
  };

  // What the reviewing officer asked for, by path, shown on the field itself.
  const returnItems = view.status === 'returned' ? (view.returnItems ?? []) : [];
  const flags = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const item of returnItems) {
      const path = pathOfTarget(item.target);
      if (path) map.set(path, [...(map.get(path) ?? []), item.note]);
    }
    return map;
  }, [returnItems]);
  const flagFor = (path: string) => {
    const notes = flags.get(path);
    return notes
      ? t('certForm.returned.officerNote', { note: notes.join(t('ui.listSeparator')) })
      : undefined;
  };

  // --- navigation --------------------------------------------------------------------------------
  const goTo = (index: number, focusPath?: string) => {
    void saveNow();
    setStep(index);
    setFocusTarget({ id: focusPath ? fieldId(focusPath) : 'step-title' });
  };
  const goToPath = (path: string) => {
    setShownSteps((s) => new Set(s).add(stepOfPath(path)));
    goTo(stepIndex(stepOfPath(path)), path);
  };
  useEffect(() => {
    if (!focusTarget) return;
    const el = document.getElementById(focusTarget.id) ?? document.getElementById('step-title');
    if (focusTarget.id === 'step-title') window.scrollTo(0, 0);
    el?.focus({ preventScroll: focusTarget.id === 'step-title' });
    if (focusTarget.id !== 'step-title') el?.scrollIntoView({ block: 'center' });
  }, [focusTarget]);

  // A conflict or lock can surface from a save at the bottom of a long step: bring the notice into view.
  useEffect(() => {
    if (!blocked) return;
    const notice = document.getElementById('form-blocked');
    notice?.scrollIntoView({ block: 'start' });
    notice?.focus({ preventScroll: true });
  }, [blocked]);

  const current = STEPS[step]!;
  const next = () => {
    setShownSteps((s) => new Set(s).add(current));
    const first = problems.find((p) => p.step === current);
    if (first) {
      setFocusTarget({ id: fieldId(first.path) });
      return;
    }
    goTo(step + 1);
  };

  const submit = async () => {
    setShownSteps(new Set(STEPS));
    setSubmitError(null);
    if (problems.length) {
      setFocusTarget({ id: 'problems-title' });
      return;
    }
    setSubmitting(true);
    try {
      if (!(await saveNow())) return;
      await submitApplication(view.id);
      // A later return starts again from the first step.
      stepStore.write(view.id, null);
      onSubmitted();
    } catch (e) {
      if (isApiError(e) && e.code === 'validation_failed' && e.fields.length) {
        setServerIssues(e.fields.map((f) => ({ ...f, path: normalizePath(f.path) })));
        setFocusTarget({ id: 'problems-title' });
      } else if (isApiError(e) && e.code === 'application_locked') {
        setBlocked(e);
      } else {
        setSubmitError(e);
      }
    } finally {
      setSubmitting(false);
    }
  };

  useMainButton(
    blocked
      ? null
      : current === 'review'
        ? {
            text: t(view.status === 'returned' ? 'certForm.resubmit' : 'certForm.submit'),
            onClick: () => void submit(),
            progress: submitting,
          }
        : { text: t('certForm.next'), onClick: next },
  );

  // --- controls ----------------------------------------------------------------------------------
  const text = (
    path: string,
    label: TextKey,
    options: {
      maxLength: number;
      hint?: TextKey;
      autoComplete?: string;
      inputMode?: 'text' | 'tel';
      multiline?: boolean;
    },
  ) => {
    const common = {
      value: getAt(form, path),
      maxLength: options.maxLength,
      autoComplete: options.autoComplete ?? 'off',
      onInput: (e: Event) => update(path, (e.currentTarget as HTMLInputElement).value),
      onBlur: () => touch(path),
    };
    return (
      <Field
        id={fieldId(path)}
        label={t(label)}
        hint={options.hint ? t(options.hint) : undefined}
        error={errorFor(path)}
        flag={flagFor(path)}
      >
        {options.multiline ? (
          <textarea rows={2} {...common} />
        ) : (
          <input type="text" inputMode={options.inputMode} {...common} />
        )}
      </Field>
    );
  };
  const date = (path: string, label: TextKey, hint?: TextKey) => (
    <Field
      id={fieldId(path)}
      label={t(label)}
      hint={hint ? t(hint) : undefined}
      error={errorFor(path)}
      flag={flagFor(path)}
    >
      <input
        type="date"
        min="1900-01-01"
        max={todayInShanghai()}
        value={getAt(form, path)}
        onInput={(e) => update(path, e.currentTarget.value)}
        onBlur={() => touch(path)}
      />
    </Field>
  );
  const select = (
    path: string,
    label: TextKey,
    options: readonly { value: string; label: string }[],
    hint?: TextKey,
  ) => (
    <Field
      id={fieldId(path)}
      label={t(label)}
      hint={hint ? t(hint) : undefined}
      error={errorFor(path)}
      flag={flagFor(path)}
    >
      <select
        value={getAt(form, path)}
        onChange={(e) => {
          update(path, e.currentTarget.value);
          touch(path);
        }}
      >
        <option value="">{t('certForm.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const sexOptions = SEX_LIST.map((s) => ({ value: s, label: t(`certificates:sex.${s}`) }));

  // The ID number holds the birth date and sex: fill them in when still empty.
  const fillFromId = () => {
    touch('applicant.idNumber');
    const id = parseResidentId(form.applicant.idNumber);
    if (!id.ok) return;
    const fill: string[] = [];
    let next = form;
    if (!form.applicant.birthDate) {
      next = setAt(next, 'applicant.birthDate', id.birthDate);
      fill.push('applicant.birthDate');
    }
    if (!form.applicant.sex) {
      next = setAt(next, 'applicant.sex', id.sex);
      fill.push('applicant.sex');
    }
    if (fill.length) {
      setForm(next);
      changed(fill);
    }
  };

  let body: ComponentChildren;
  if (current === 'personal') {
    body = (
      <div class="form">
        {text('applicant.name', 'certForm.fields.name', {
          maxLength: DRAFT_NAME_MAX_CHARS,
          autoComplete: 'name',
        })}
        <Field
          id={fieldId('applicant.idNumber')}
          label={t('certForm.fields.idNumber')}
          hint={t('certForm.hints.idNumber')}
          error={errorFor('applicant.idNumber')}
          flag={flagFor('applicant.idNumber')}
        >
          <input
            type="text"
            class="mono"
            maxLength={ID_NUMBER_CHARS}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            value={form.applicant.idNumber}
            onInput={(e) => update('applicant.idNumber', e.currentTarget.value)}
            onBlur={fillFromId}
          />
        </Field>
        {select('applicant.sex', 'certForm.fields.sex', sexOptions)}
        {date('applicant.birthDate', 'certForm.fields.birthDate')}
        {text('applicant.phone', 'certForm.fields.phone', {
          maxLength: PHONE_CHARS,
          hint: 'certForm.hints.phone',
          autoComplete: 'tel',
          inputMode: 'tel',
        })}
        <Field
          id={fieldId('villageId')}
          label={t('certForm.fields.villageId')}
          hint={t('certForm.hints.villageId')}
          error={errorFor('villageId')}
          flag={flagFor('villageId')}
        >
          <select
            value={villageId === null ? '' : String(villageId)}
            disabled={!villages.data}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setVillageId(value ? Number(value) : null);
              changed(['villageId']);
              touch('villageId');
            }}
          >
            <option value="">{villages.data ? t('certForm.choose') : t('ui.loading')}</option>
            {(villages.data ?? []).map((v) => (
              <option key={v.id} value={String(v.id)}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
        {villages.error ? <ErrorState error={villages.error} onRetry={villages.reload} /> : null}
      </div>
    );
  } else if (current === 'residence') {
    body = (
      <div class="form">
        {text('hukouAddress', 'certForm.fields.hukouAddress', {
          maxLength: ADDRESS_MAX_CHARS,
          hint: 'certForm.hints.address',
          multiline: true,
        })}
        {text('currentResidence.address', 'certForm.fields.currentAddress', {
          maxLength: ADDRESS_MAX_CHARS,
          hint: 'certForm.hints.address',
          multiline: true,
        })}
        {date('currentResidence.since', 'certForm.fields.residenceSince', 'certForm.hints.optional')}
      </div>
    );
  } else if (current === 'marital') {
    const status = form.marital.status;
    body = (
      <div class="form">
        {select(
          'marital.status',
          'certForm.fields.maritalStatus',
          MARITAL_STATUS_LIST.map((s) => ({ value: s, label: t(`certificates:maritalStatus.${s}`) })),
        )}
        {status && status !== 'unmarried'
          ? date(
              'marital.marriageDate',
              'certForm.fields.marriageDate',
              isMarried(status) ? 'certForm.hints.marriageDate' : 'certForm.hints.optional',
            )
          : null}
        {isMarried(status) ? (
          <fieldset class="card subform">
            <legend>{t('certForm.spouse')}</legend>
            {text('marital.spouse.name', 'certForm.fields.spouseName', { maxLength: DRAFT_NAME_MAX_CHARS })}
            <Field
              id={fieldId('marital.spouse.idNumber')}
              label={t('certForm.fields.spouseIdNumber')}
              error={errorFor('marital.spouse.idNumber')}
              flag={flagFor('marital.spouse.idNumber')}
            >
              <input
                type="text"
                class="mono"
                maxLength={ID_NUMBER_CHARS}
                autoComplete="off"
                autoCapitalize="characters"
                spellcheck={false}
                value={form.marital.spouse.idNumber}
                onInput={(e) => update('marital.spouse.idNumber', e.currentTarget.value)}
                onBlur={() => touch('marital.spouse.idNumber')}
              />
            </Field>
          </fieldset>
        ) : null}
        {status ? (
          <p class="note">
            {isMarried(status) ? t('certForm.hints.marriedDocs') : t('certForm.hints.notMarriedDocs')}
          </p>
        ) : null}
      </div>
    );
  } else if (current === 'children') {
    const flag = flagFor('children');
    body = (
      <div class="form">
        <p class="field-hint">{t('certForm.hints.children')}</p>
        {flag ? <p class="field-flag">{flag}</p> : null}
        {form.children.length === 0 ? <p class="card muted">{t('certForm.noChildren')}</p> : null}
        {form.children.map((_, i) => (
          <fieldset key={i} class="card subform">
            <legend>{t('certForm.childN', { n: i + 1 })}</legend>
            {flagFor(`children.${i}`) ? <p class="field-flag">{flagFor(`children.${i}`)}</p> : null}
            {text(`children.${i}.name`, 'certForm.fields.childName', { maxLength: DRAFT_NAME_MAX_CHARS })}
            {select(`children.${i}.sex`, 'certForm.fields.childSex', sexOptions)}
            {date(`children.${i}.birthDate`, 'certForm.fields.childBirthDate')}
            <Button
              variant="plain"
              class="button-danger"
              onClick={() => {
                setForm((f) => ({ ...f, children: f.children.filter((__, j) => j !== i) }));
                changed(['children']);
              }}
            >
              {t('certForm.removeChild', { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        {form.children.length < MAX_CHILDREN ? (
          <Button
            variant="secondary"
            block
            onClick={() => {
              setForm((f) => ({ ...f, children: [...f.children, emptyChild()] }));
              changed(['children']);
              setFocusTarget({ id: fieldId(`children.${form.children.length}.name`) });
            }}
          >
            {t('certForm.addChild')}
          </Button>
        ) : (
          <p class="note">{t('certificates:validation.tooManyChildren')}</p>
        )}
      </div>
    );
  } else if (current === 'documents') {
    body = (
      <DocumentsStep
        applicationId={view.id}
        documents={documents}
        required={required}
        onChange={(docs) => {
          setDocuments(docs);
          setServerIssues((issues) => issues.filter((i) => !i.path.startsWith('documents.')));
        }}
        errorFor={errorFor}
        flagFor={flagFor}
      />
    );
  } else {
    const villageName = villages.data?.find((v) => v.id === villageId)?.name ?? null;
    body = (
      <div class="form">
        {problems.length ? (
          <ProblemList problems={problems} onGo={goToPath} t={t} />
        ) : (
          <div class="card panel-success" role="status">
            <p>{t('certForm.readyToSubmit')}</p>
          </div>
        )}
        <ApplicationSummary
          form={payload}
          villageName={villageName}
          onEdit={(s) => goTo(stepIndex(s))}
          flagged={new Set(flags.keys())}
        />
        <section class="card summary-section" aria-labelledby="summary-docs">
          <div class="summary-head">
            <h3 id="summary-docs">{t('certForm.steps.documents')}</h3>
            <button type="button" class="link-button" onClick={() => goTo(stepIndex('documents'))}>
              {t('certForm.edit')}
              <span class="visually-hidden"> {t('certForm.steps.documents')}</span>
            </button>
          </div>
          <ul class="plain-list">
            {required.map((k) => {
              const n = documents.filter((d) => d.kind === k).length;
              return (
                <li key={k}>
                  {t(`certificates:documentKind.${k}`)}
                  {t('ui.labelSeparator')}
                  {n ? (
                    t('certForm.docs.uploaded', { count: n })
                  ) : (
                    <strong class="text-danger">{t('certForm.docs.missing')}</strong>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
        <p class="note">{t('certForm.declaration')}</p>
        <FormError error={submitError} shownFields={[]} />
      </div>
    );
  }

  const saveText =
    saveState.state === 'saving'
      ? t('ui.saving')
      : saveState.state === 'saved'
        ? t('ui.saved')
        : saveState.state === 'error' && !blocked
          ? errorMessage(saveState.error, t)
          : '';

  return (
    <Page
      title={t(view.status === 'returned' ? 'certForm.titleReturned' : 'certForm.title')}
      eyebrow={t('services.certificates.title')}
    >
      {blocked ? (
        <div class="card panel-warning" role="alert" id="form-blocked" tabIndex={-1}>
          <p class="lead">
            <strong>
              {t(blocked.code === 'version_conflict' ? 'certForm.conflictTitle' : 'certForm.lockedTitle')}
            </strong>
          </p>
          <p>{errorMessage(blocked, t)}</p>
          <RequestId error={blocked} />
          <Button block onClick={onReload}>
            {t('ui.reload')}
          </Button>
        </div>
      ) : null}

      {returnItems.length ? (
        <details class="card panel-warning checklist" open>
          <summary>
            <strong>{t('certForm.returned.title', { count: returnItems.length })}</strong>
          </summary>
          <p>{t('certForm.returned.intro')}</p>
          <ol class="checklist-items">
            {returnItems.map((item, i) => {
              const path = pathOfTarget(item.target);
              return (
                <li key={i}>
                  {path ? (
                    <button type="button" class="link-button" onClick={() => goToPath(path)}>
                      {labelOfPath(path, t)}
                    </button>
                  ) : (
                    <strong>{t('review.return.other')}</strong>
                  )}
                  <span class="checklist-note">{item.note}</span>
                </li>
              );
            })}
          </ol>
        </details>
      ) : null}

      <nav class="steps-nav" aria-label={t('certForm.stepsLabel')}>
        <ol class="steps">
          {STEPS.map((s, i) => {
            const hasProblems = shownSteps.has(s) && problems.some((p) => p.step === s);
            return (
              <li key={s}>
                <button
                  type="button"
                  class={[
                    'step',
                    i === step ? 'step-current' : '',
                    i < step ? 'step-done' : '',
                    hasProblems ? 'step-problem' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  aria-current={i === step ? 'step' : undefined}
                  aria-label={`${t('certForm.stepN', { n: i + 1, total: STEPS.length, title: t(`certForm.steps.${s}`) })}${
                    hasProblems ? t('certForm.stepHasProblems') : ''
                  }`}
                  onClick={() => goTo(i)}
                >
                  {hasProblems ? '!' : i + 1}
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <h2 id="step-title" class="step-title" tabIndex={-1}>
        <span class="step-count">{t('certForm.stepCount', { n: step + 1, total: STEPS.length })}</span>
        {t(`certForm.steps.${current}`)}
      </h2>

      {body}

      <div class="form-actions">
        {step > 0 ? (
          <Button variant="secondary" onClick={() => goTo(step - 1)}>
            {t('certForm.previous')}
          </Button>
        ) : null}
        <Button
          variant="secondary"
          busy={saveState.state === 'saving'}
          disabled={!!blocked}
          onClick={() => void saveNow()}
        >
          {t('certForm.saveDraft')}
        </Button>
      </div>
      <p class="form-status" role="status">
        {saveText}
      </p>
      {saveState.state === 'error' && !blocked ? <RequestId error={saveState.error} /> : null}
    </Page>
  );
}

function ProblemList({
  problems,
  onGo,
  t,
}: {
  problems: Problem[];
  onGo: (path: string) => void;
  t: Translate;
}) {
  return (
    <section class="card problems" aria-labelledby="problems-title">
      <h3 id="problems-title" tabIndex={-1}>
        {t('certForm.problems.title', { count: problems.length })}
      </h3>
      <p>{t('certForm.problems.intro')}</p>
      <ol>
        {problems.map((p) => (
          <li key={p.path}>
            <button type="button" class="link-button" onClick={() => onGo(p.path)}>
              {t('certForm.problems.where', { step: t(`certForm.steps.${p.step}`), field: p.label })}
            </button>
            <span class="problem-message">{p.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
