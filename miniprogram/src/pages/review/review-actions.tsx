// What the reviewing officer can do on the review screen: issue (confirmed in a dialog), return with
// a checklist of everything missing (一次性告知), reject with a reason, hand over to a colleague
// (首问负责), and revoke an issued certificate. The page's main button performs the chosen action.
import { useMemo, useRef, useState } from 'preact/hooks';
import {
  HANDOVER_NOTE_MAX_CHARS,
  REASON_MAX_CHARS,
  REASON_MIN_CHARS,
  RETURN_NOTE_MAX_CHARS,
  RETURN_NOTE_MIN_CHARS,
} from '../../../../core/certificates/certificate-limits';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { ErrorState, FormError, Loading } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import {
  type HandOverBody,
  handOver,
  issueCertificate,
  listHandoverOfficers,
  type ReviewView,
  rejectApplication,
  returnApplication,
  revokeCertificate,
} from '../../lib/api/certificates';
import { type Translate, useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { useMainButton } from '../../telegram/main-button';
import {
  DOCUMENT_KIND_LIST,
  FIELDS,
  isMarried,
  labelOfPath,
  STEPS,
  valueAt,
} from '../certificates/form-fields';

type Mode = 'return' | 'reject' | 'handover' | 'revoke';

// The API's own limits (core/certificates/certificate-limits.ts), checked here to answer at once.
const NOTE_MIN = RETURN_NOTE_MIN_CHARS;
const NOTE_MAX = RETURN_NOTE_MAX_CHARS;
const REASON_MIN = REASON_MIN_CHARS;
const REASON_MAX = REASON_MAX_CHARS;
const HANDOVER_NOTE_MAX = HANDOVER_NOTE_MAX_CHARS;

export interface ReviewActionsProps {
  view: ReviewView;
  /** After an action succeeded: the page reloads and shows `message`. */
  onDone: (message: string) => void;
}

export function ReviewActions({ view, onDone }: ReviewActionsProps) {
  const t = useT();
  const [mode, setMode] = useState<Mode | null>(null);
  const [confirming, setConfirming] = useState(false);
  // What this officer may do comes from the policies, through the view (view.can).
  const { decide: canAct, handOver: canHandOver, revoke: canRevoke } = view.can;
  const open = view.status === 'submitted' || view.status === 'in_review' || view.status === 'returned';

  // The main button issues when nothing else is chosen; a chosen action's form brings its own.
  useMainButton(
    canAct && mode === null && !confirming
      ? { text: t('review.actions.issue'), onClick: () => setConfirming(true) }
      : null,
  );

  if (!canAct && !canHandOver && !canRevoke) {
    return <p class="muted">{t(open ? 'review.actions.notOwner' : 'review.actions.none')}</p>;
  }
  const cancel = () => setMode(null);
  return (
    <div class="actions">
      {confirming ? (
        <IssueDialog
          view={view}
          onClose={() => setConfirming(false)}
          onIssued={(serial) => onDone(t('review.done.issued', { serial }))}
        />
      ) : null}
      {mode === null ? (
        <div class="action-buttons">
          {canAct ? (
            <>
              <p class="note">{t('review.actions.issueHint')}</p>
              <Button variant="secondary" block onClick={() => setMode('return')}>
                {t('review.actions.return')}
              </Button>
              <Button variant="secondary" block class="button-danger" onClick={() => setMode('reject')}>
                {t('review.actions.reject')}
              </Button>
            </>
          ) : null}
          {canHandOver ? (
            <Button variant="secondary" block onClick={() => setMode('handover')}>
              {t('review.actions.handover')}
            </Button>
          ) : null}
          {canRevoke ? (
            <Button variant="secondary" block class="button-danger" onClick={() => setMode('revoke')}>
              {t('review.actions.revoke')}
            </Button>
          ) : null}
        </div>
      ) : mode === 'return' ? (
        <ReturnBuilder view={view} onCancel={cancel} onDone={onDone} />
      ) : mode === 'reject' ? (
        <ReasonForm
          kind="reject"
          onCancel={cancel}
          send={(reason) => rejectApplication(view.id, reason)}
          onDone={() => onDone(t('review.done.rejected'))}
        />
      ) : mode === 'revoke' ? (
        <ReasonForm
          kind="revoke"
          onCancel={cancel}
          send={(reason) => revokeCertificate(view.certificate!.serial, reason)}
          onDone={() => onDone(t('review.done.revoked'))}
        />
      ) : (
        <HandOverForm
          loadOfficers={() => listHandoverOfficers(view.id)}
          ownerUserId={view.owner?.userId}
          send={(json) => handOver(view.id, json)}
          onCancel={cancel}
          onDone={() => onDone(t('review.done.handedOver'))}
        />
      )}
    </div>
  );
}

function IssueDialog({
  view,
  onClose,
  onIssued,
}: {
  view: ReviewView;
  onClose: () => void;
  onIssued: (serial: string) => void;
}) {
  const t = useT();
  const name = valueAt(view.form, 'applicant.name');
  return (
    <ConfirmDialog
      title={t('review.issue.title')}
      body={t('review.issue.body', { name: typeof name === 'string' ? name : view.applicant.displayName })}
      confirm={t('review.issue.confirm')}
      action={() => issueCertificate(view.id)}
      onConfirmed={(issued) => onIssued(issued.serial)}
      onClose={onClose}
    />
  );
}

interface Target {
  target: string;
  label: string;
}

/** What the officer can point at: the form's fields (as filled in), each child, each document kind. */
function targetGroups(view: ReviewView, t: Translate): { title: string; targets: Target[] }[] {
  const married = isMarried(valueAt(view.form, 'marital.status') as string | undefined);
  const status = valueAt(view.form, 'marital.status');
  const groups = STEPS.filter((s) => s === 'personal' || s === 'residence' || s === 'marital').map(
    (step) => ({
      title: t(`certForm.steps.${step}`),
      targets: FIELDS.filter((f) => f.step === step)
        .filter((f) => married || !f.path.startsWith('marital.spouse'))
        .filter((f) => f.path !== 'marital.marriageDate' || (status && status !== 'unmarried'))
        // Labels about the applicant ("household registration village"), not addressed to them.
        .map((f) => ({
          target: `field:${f.path}`,
          label: t(f.path === 'villageId' ? 'review.village' : f.label),
        })),
    }),
  );
  const children = valueAt(view.form, 'children');
  groups.push({
    title: t('certForm.steps.children'),
    targets: [
      { target: 'field:children', label: t('review.return.childrenList') },
      ...(Array.isArray(children) ? children : []).map((c, i) => {
        const name = valueAt(c, 'name');
        return {
          target: `field:children.${i}`,
          label: `${labelOfPath(`children.${i}`, t)}${typeof name === 'string' && name ? ` · ${name}` : ''}`,
        };
      }),
    ],
  });
  // 'other': a document with no slot of its own (a residence permit…) that the applicant then uploads,
  // named in their words.
  groups.push({
    title: t('certForm.steps.documents'),
    targets: DOCUMENT_KIND_LIST.filter(
      (k) =>
        k !== 'marriage_certificate' ||
        view.requiredDocuments.includes(k) ||
        view.documents.some((d) => d.kind === k),
    ).map((k) => ({ target: `document:${k}`, label: t(`certificates:documentKind.${k}`) })),
  });
  return groups;
}

function noteProblem(note: string, t: Translate): string | undefined {
  const n = note.trim().length;
  if (n < NOTE_MIN) return t('review.return.noteTooShort', { min: NOTE_MIN });
  if (n > NOTE_MAX) return t('review.return.noteTooLong', { max: NOTE_MAX });
  return undefined;
}

/** The certificate's return: its fields, children and documents as the checklist's targets. */
function ReturnBuilder({
  view,
  onCancel,
  onDone,
}: {
  view: ReviewView;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const groups = useMemo(() => targetGroups(view, t), [view, t]);
  return (
    <ReturnChecklist
      groups={groups}
      send={(items) => returnApplication(view.id, { items })}
      onCancel={onCancel}
      onDone={(count) => onDone(t('review.done.returned', { count }))}
    />
  );
}

export interface ReturnTargetGroup {
  title: string;
  targets: { target: string; label: string }[];
}

/**
 * 一次性告知: the officer ticks everything that needs fixing, with a note each (and 'other' items as
 * often as needed), and sends it all at once. Shared by every review workflow (certificate
 * applications, service-file items): each passes its targets and its return call.
 */
export function ReturnChecklist({
  groups,
  send: sendItems,
  onCancel,
  onDone,
}: {
  groups: readonly ReturnTargetGroup[];
  send: (items: { target: string; note: string }[]) => Promise<unknown>;
  onCancel: () => void;
  onDone: (count: number) => void;
}) {
  const t = useT();
  // Ticked targets in ticking order, each with its note; 'other' may be added several times.
  const [items, setItems] = useState<{ key: string; target: string; note: string }[]>([]);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nextKey = useRef(0);
  const labelOf = (target: string) =>
    groups.flatMap((g) => g.targets).find((x) => x.target === target)?.label ?? t('review.return.other');

  const toggle = (target: string, on: boolean) =>
    setItems((list) =>
      on
        ? [...list, { key: `k${nextKey.current++}`, target, note: '' }]
        : list.filter((i) => i.target !== target),
    );
  const setNote = (key: string, note: string) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, note } : i)));
  const serverError = (index: number) =>
    isApiError(error)
      ? error.fields.find((f) => f.path === `items.${index}.note` || f.path === `items.${index}`)?.message
      : undefined;

  const send = async () => {
    setShowErrors(true);
    setError(null);
    if (!items.length || items.some((i) => noteProblem(i.note, t))) {
      document
        .getElementById(
          items.length ? `note-${items.find((i) => noteProblem(i.note, t))!.key}` : 'return-title',
        )
        ?.focus();
      return;
    }
    setBusy(true);
    try {
      await sendItems(items.map((i) => ({ target: i.target, note: i.note.trim() })));
      onDone(items.length);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton({
    text: t('review.return.send', { count: items.length }),
    onClick: () => void send(),
    progress: busy,
    active: items.length > 0,
  });

  const noteField = (item: { key: string; target: string; note: string }, index: number) => (
    <Field
      id={`note-${item.key}`}
      label={t('review.return.noteLabel', { target: labelOf(item.target) })}
      error={serverError(index) ?? (showErrors ? noteProblem(item.note, t) : undefined)}
    >
      <textarea
        rows={2}
        maxLength={NOTE_MAX}
        value={item.note}
        placeholder={t('review.return.notePlaceholder')}
        onInput={(e) => setNote(item.key, e.currentTarget.value)}
      />
    </Field>
  );

  return (
    <div class="card form return-builder">
      <h3 id="return-title" tabIndex={-1}>
        {t('review.return.title')}
      </h3>
      <p class="field-hint">{t('review.return.intro')}</p>
      {groups.map((group) => (
        <fieldset key={group.title} class="check-group">
          <legend>{group.title}</legend>
          {group.targets.map((target) => {
            const item = items.find((i) => i.target === target.target);
            return (
              <div key={target.target} class="check-item">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={!!item}
                    onChange={(e) => toggle(target.target, e.currentTarget.checked)}
                  />
                  <span>{target.label}</span>
                </label>
                {item ? noteField(item, items.indexOf(item)) : null}
              </div>
            );
          })}
        </fieldset>
      ))}
      <fieldset class="check-group">
        <legend>{t('review.return.other')}</legend>
        {items
          .filter((i) => i.target === 'other')
          .map((item) => (
            <div key={item.key} class="check-item">
              {noteField(item, items.indexOf(item))}
              <button
                type="button"
                class="link-button link-danger"
                onClick={() => setItems((list) => list.filter((i) => i.key !== item.key))}
              >
                {t('review.return.removeOther')}
              </button>
            </div>
          ))}
        <Button variant="plain" onClick={() => toggle('other', true)}>
          {t('review.return.addOther')}
        </Button>
      </fieldset>
      <p class={showErrors && !items.length ? 'field-error' : 'form-status'} role="status">
        {items.length ? t('review.return.count', { count: items.length }) : t('review.return.none')}
      </p>
      <FormError error={error} shownFields={items.map((_, i) => `items.${i}`)} />
      <Button variant="secondary" block onClick={onCancel} disabled={busy}>
        {t('review.cancel')}
      </Button>
    </div>
  );
}

function ReasonForm({
  kind,
  send,
  onCancel,
  onDone,
}: {
  kind: 'reject' | 'revoke';
  send: (reason: string) => Promise<unknown>;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [showError, setShowError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const length = reason.trim().length;
  const problem =
    length < REASON_MIN
      ? t('review.reason.tooShort', { min: REASON_MIN })
      : length > REASON_MAX
        ? t('review.reason.tooLong', { max: REASON_MAX })
        : undefined;
  const submit = async () => {
    setShowError(true);
    setError(null);
    if (problem) {
      document.getElementById(`${kind}-reason`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await send(reason.trim());
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton({ text: t(`review.${kind}.confirm`), onClick: () => void submit(), progress: busy });
  return (
    <div class="card form">
      <h3>{t(`review.${kind}.title`)}</h3>
      <p class="field-hint">{t(`review.${kind}.intro`)}</p>
      <Field
        id={`${kind}-reason`}
        label={t('review.reason.label')}
        hint={t('review.reason.hint', { min: REASON_MIN })}
        error={
          (isApiError(error) ? error.fieldError('reason') : undefined) ?? (showError ? problem : undefined)
        }
      >
        <textarea
          rows={4}
          maxLength={REASON_MAX}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
      <FormError error={error} shownFields={['reason']} />
      <Button variant="secondary" block onClick={onCancel} disabled={busy}>
        {t('review.cancel')}
      </Button>
    </div>
  );
}

/**
 * 首问负责: the owner hands the case over to a named colleague with a note. Shared by every review
 * workflow; each passes who may take it and the hand-over call.
 */
export function HandOverForm({
  loadOfficers,
  ownerUserId,
  send,
  onCancel,
  onDone,
}: {
  loadOfficers: () => Promise<{ officers: { userId: string; displayName: string }[] }>;
  ownerUserId: string | undefined;
  send: (body: HandOverBody) => Promise<unknown>;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const officers = useResource(loadOfficers);
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [showError, setShowError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const candidates = (officers.data?.officers ?? []).filter((o) => o.userId !== ownerUserId);
  const submit = async () => {
    setShowError(true);
    setError(null);
    if (!to) return;
    setBusy(true);
    try {
      await send({ toOfficerUserId: to, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  useMainButton(
    candidates.length
      ? { text: t('review.handover.confirm'), onClick: () => void submit(), progress: busy }
      : null,
  );
  const toError =
    (isApiError(error) ? error.fieldError('toOfficerUserId') : undefined) ??
    (showError && !to ? t('review.handover.chooseOfficer') : undefined);
  return (
    <div class="card form">
      <h3>{t('review.handover.title')}</h3>
      <p class="field-hint">{t('review.handover.intro')}</p>
      {officers.error ? (
        <ErrorState error={officers.error} onRetry={officers.reload} />
      ) : !officers.data ? (
        <Loading />
      ) : candidates.length === 0 ? (
        <p class="muted">{t('review.handover.noOne')}</p>
      ) : (
        <fieldset class="check-group" aria-describedby={toError ? 'handover-error' : undefined}>
          <legend>{t('review.handover.to')}</legend>
          {candidates.map((o) => (
            <label key={o.userId} class="check">
              <input
                type="radio"
                name="handover-to"
                checked={to === o.userId}
                onChange={() => setTo(o.userId)}
              />
              <span>{o.displayName}</span>
            </label>
          ))}
          {toError ? (
            <p class="field-error" id="handover-error">
              {toError}
            </p>
          ) : null}
        </fieldset>
      )}
      <Field
        id="handover-note"
        label={t('review.handover.note')}
        hint={t('review.handover.noteHint')}
        error={isApiError(error) ? error.fieldError('note') : undefined}
      >
        <textarea
          rows={3}
          maxLength={HANDOVER_NOTE_MAX}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </Field>
      <FormError error={error} shownFields={['toOfficerUserId', 'note']} />
      <Button variant="secondary" block onClick={onCancel} disabled={busy}>
        {t('review.cancel')}
      </Button>
    </div>
  );
}
