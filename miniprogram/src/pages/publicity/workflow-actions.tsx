// What the signed-in officer may do with a campaign now, exactly as the API's `can` says: approve or
// return it (a different publicity officer or an admin — never the author), withdraw it, send it
// now or at a time, cancel it (before or while sending), send themselves a test.
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_NOTE_CHARS } from '../../../../core/campaigns/campaign-limits';
import { LANGUAGE_NAMES } from '../../../../core/i18n/languages';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { Section } from '../../components/page';
import { FormError } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import {
  approveCampaign,
  type CampaignLanguage,
  type CampaignView,
  cancelCampaign,
  returnCampaign,
  scheduleCampaign,
} from '../../lib/api/campaigns';
import { formatDate } from '../../lib/format';
import { useI18n, useT } from '../../lib/i18n';
import { useProfile } from '../../lib/profile';
import { useMainButton } from '../../telegram/main-button';
import { versionLanguages } from './campaign-summary';
import { TestSend } from './test-send';

export interface WorkflowActionsProps {
  view: CampaignView;
  /** The compose form is open and owns the main button (the author's draft). */
  editing: boolean;
  onDone: (notice: string) => void;
}

/** Runs one action with busy and error state; `onDone` gets the notice on success. */
function useAction(onDone: (notice: string) => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (name: string, action: () => Promise<unknown>, notice: string) => {
    setBusy(name);
    setError(null);
    try {
      await action();
      onDone(notice);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}

export function WorkflowActions({ view, editing, onDone }: WorkflowActionsProps) {
  const { t, language } = useI18n();
  const { me } = useProfile();
  const { can } = view;
  const [mode, setMode] = useState<'return' | 'schedule' | 'cancel' | null>(null);
  const action = useAction(onDone);
  const author = view.createdBy.userId === me.user.id;
  const { languages, first } = versionLanguages(view, language);
  const [testLanguage, setTestLanguage] = useState<CampaignLanguage>(first);

  const main =
    editing || mode !== null
      ? null
      : can.approve
        ? {
            text: t('publicity:actions.approve'),
            onClick: () =>
              void action.run('approve', () => approveCampaign(view.id), t('publicity:actions.approved')),
            progress: action.busy === 'approve',
          }
        : can.schedule
          ? {
              text: t(
                view.status === 'scheduled' ? 'publicity:actions.reschedule' : 'publicity:actions.send',
              ),
              onClick: () => setMode('schedule'),
            }
          : null;
  useMainButton(main);

  const waiting = view.status === 'submitted' && author && !can.approve;
  const nothing =
    !can.approve && !can.return && !can.withdraw && !can.schedule && !can.cancel && !can.testSend && !waiting;
  if (nothing) return null;

  return (
    <Section title={t('publicity:actions.title')}>
      <div class="action-buttons">
        {waiting ? (
          <Panel tone="info">
            <p>{t('publicity:actions.waitingForOther')}</p>
          </Panel>
        ) : null}
        {view.status === 'scheduled' && view.scheduledAt ? (
          <p class="lead">
            {t('publicity:actions.scheduledFor', {
              date: formatDate(view.scheduledAt, language, 'dateTime'),
            })}
          </p>
        ) : null}
        {mode === 'return' ? (
          <ReturnForm
            onCancel={() => setMode(null)}
            send={(note) =>
              action.run('return', () => returnCampaign(view.id, note), t('publicity:actions.returned'))
            }
            busy={action.busy === 'return'}
            error={action.error}
          />
        ) : null}
        {mode === 'schedule' ? (
          <ScheduleDialog
            view={view}
            onClose={() => setMode(null)}
            onDone={(notice) => {
              setMode(null);
              onDone(notice);
            }}
          />
        ) : null}
        {mode === 'cancel' ? (
          <ConfirmDialog
            title={t(
              view.status === 'sending' ? 'publicity:actions.stopTitle' : 'publicity:actions.cancelTitle',
            )}
            body={t(
              view.status === 'sending' ? 'publicity:actions.stopBody' : 'publicity:actions.cancelBody',
            )}
            confirm={t(view.status === 'sending' ? 'publicity:actions.stop' : 'publicity:actions.cancel')}
            danger
            onClose={() => setMode(null)}
            action={() => cancelCampaign(view.id)}
            onConfirmed={() => {
              setMode(null);
              onDone(t('publicity:actions.cancelled'));
            }}
          />
        ) : null}
        {mode === null ? (
          <>
            {can.approve ? <p class="note">{t('publicity:actions.approveHint')}</p> : null}
            {can.return ? (
              <Button variant="secondary" block onClick={() => setMode('return')}>
                {t('publicity:actions.return')}
              </Button>
            ) : null}
            {can.schedule ? <p class="note">{t('publicity:actions.sendHint')}</p> : null}
            {can.withdraw ? (
              <Button
                variant="secondary"
                block
                busy={action.busy === 'withdraw'}
                onClick={() =>
                  void action.run('withdraw', () => returnCampaign(view.id), t('publicity:actions.withdrawn'))
                }
              >
                {t('publicity:actions.withdraw')}
              </Button>
            ) : null}
            {can.testSend && !editing && languages.length ? (
              <div class="card form">
                {languages.length > 1 ? (
                  <Field id="test-language" label={t('publicity:test.language')}>
                    <select
                      value={testLanguage}
                      onChange={(e) => setTestLanguage(e.currentTarget.value as CampaignLanguage)}
                    >
                      {languages.map((l) => (
                        <option key={l} value={l}>
                          {LANGUAGE_NAMES[l]}
                        </option>
                      ))}
                    </select>
                  </Field>
                ) : null}
                <TestSend language={testLanguage} prepare={async () => view.id} />
              </div>
            ) : null}
            {can.cancel ? (
              <Button variant="secondary" block class="button-danger" onClick={() => setMode('cancel')}>
                {t(view.status === 'sending' ? 'publicity:actions.stop' : 'publicity:actions.cancel')}
              </Button>
            ) : null}
            <FormError error={action.error} shownFields={[]} />
          </>
        ) : null}
      </div>
    </Section>
  );
}

function ReturnForm({
  send,
  onCancel,
  busy,
  error,
}: {
  send: (note: string) => Promise<boolean>;
  onCancel: () => void;
  busy: boolean;
  error: unknown;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [shown, setShown] = useState(false);
  const problem = note.trim() ? undefined : t('campaigns:validation.required');
  const submit = async () => {
    setShown(true);
    if (problem) {
      document.getElementById('return-note')?.focus();
      return;
    }
    await send(note.trim());
  };
  useMainButton({ text: t('publicity:actions.returnConfirm'), onClick: () => void submit(), progress: busy });
  return (
    <div class="card form">
      <h3>{t('publicity:actions.returnTitle')}</h3>
      <Field
        id="return-note"
        label={t('publicity:actions.returnNote')}
        hint={t('publicity:actions.returnHint')}
        error={(isApiError(error) ? error.fieldError('note') : undefined) ?? (shown ? problem : undefined)}
      >
        <textarea
          rows={4}
          maxLength={MAX_NOTE_CHARS}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </Field>
      <FormError error={error} shownFields={['note']} />
      <Button variant="secondary" block onClick={onCancel} disabled={busy}>
        {t('review.cancel')}
      </Button>
    </div>
  );
}

/** "YYYY-MM-DDTHH:mm" in Beijing time, `minutes` from now (the default of the time field). */
function beijingLocal(minutesFromNow: number): string {
  const d = new Date(Date.now() + minutesFromNow * 60_000 + 8 * 3600_000);
  return d.toISOString().slice(0, 16);
}

function ScheduleDialog({
  view,
  onClose,
  onDone,
}: {
  view: CampaignView;
  onClose: () => void;
  onDone: (notice: string) => void;
}) {
  const { t, language } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState(() => beijingLocal(60));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  // The field is Beijing time, like every time the office publishes.
  const atIso = at ? new Date(`${at}:00+08:00`).toISOString() : '';
  const tooEarly = when === 'later' && (!atIso || new Date(atIso).getTime() < Date.now() + 60_000);
  const go = async () => {
    if (tooEarly) return;
    setBusy(true);
    setError(null);
    try {
      const result = await scheduleCampaign(view.id, when === 'later' ? atIso : undefined);
      ref.current?.close();
      onDone(
        result.status === 'scheduled'
          ? t('publicity:actions.scheduled', { date: formatDate(atIso, language, 'dateTime') })
          : t('publicity:actions.started'),
      );
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="schedule-title" onClose={onClose}>
      <h2 id="schedule-title">{t('publicity:schedule.title')}</h2>
      <fieldset class="check-group">
        <legend class="visually-hidden">{t('publicity:schedule.title')}</legend>
        <label class="check">
          <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} />
          <span>{t('publicity:schedule.now')}</span>
        </label>
        <label class="check">
          <input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} />
          <span>{t('publicity:schedule.later')}</span>
        </label>
      </fieldset>
      {when === 'later' ? (
        <Field
          id="schedule-at"
          label={t('publicity:schedule.at')}
          hint={t('publicity:schedule.atHint')}
          error={
            (isApiError(error) ? error.fieldError('at') : undefined) ??
            (tooEarly ? t('publicity:schedule.tooEarly') : undefined)
          }
        >
          <input
            type="datetime-local"
            value={at}
            min={beijingLocal(1)}
            onInput={(e) => setAt(e.currentTarget.value)}
          />
        </Field>
      ) : (
        <p class="field-hint">{t('publicity:schedule.nowHint')}</p>
      )}
      <FormError error={error} shownFields={['at']} />
      <div class="dialog-actions">
        <Button variant="secondary" onClick={() => ref.current?.close()} disabled={busy}>
          {t('review.cancel')}
        </Button>
        <Button busy={busy} disabled={tooEarly} onClick={() => void go()}>
          {t(when === 'now' ? 'publicity:schedule.confirmNow' : 'publicity:schedule.confirmLater')}
        </Button>
      </div>
    </dialog>
  );
}
