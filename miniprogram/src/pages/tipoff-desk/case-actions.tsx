// The case handler's workflow steps on one tip: acknowledge (taking the case, 首问负责) → triage (accept /
// out of scope with a reason / duplicate of #n) → investigate → substantiated or unsubstantiated →
// close with the summary the reporter reads. Offered as the API says (view.nextActions, view.can.act);
// every note is read by the reporter. Out of scope as "about a private person" deletes the report's
// content at once, so it is said before and confirmed in a dialog.
import { useState } from 'preact/hooks';
import {
  NOTE_MAX_CHARS,
  OUT_OF_SCOPE_REASONS,
  type OutOfScopeReason,
  SUMMARY_MAX_CHARS,
  type TipActionName,
} from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { actOnTip, type HandlerTipView } from '../../lib/api/tipoff-desk';
import { useT } from '../../lib/i18n';
import { ActionForm } from './action-form';
import { tipNumber } from './labels';

// The order steps are offered in when several are possible: the way forward first, "out of scope"
// (which may delete the content) always last and never the main button.
const ORDER: readonly TipActionName[] = [
  'acknowledge',
  'accept',
  'investigate',
  'substantiate',
  'unsubstantiate',
  'close',
  'duplicate',
  'out_of_scope',
];

export function CaseActions({ view, onDone }: { view: HandlerTipView; onDone: (message: string) => void }) {
  const t = useT();
  const [mode, setMode] = useState<TipActionName | null>(null);
  const actions = ORDER.filter((a) => view.nextActions.includes(a));
  if (!view.can.act || actions.length === 0) {
    return (
      <p class="muted">
        {view.status === 'closed'
          ? t('tipoffDesk:actions.closed')
          : view.can.act
            ? t('tipoffDesk:actions.none')
            : t('tipoffDesk:actions.notOwner')}
      </p>
    );
  }
  const done = (action: TipActionName) => onDone(t(`tipoffDesk:done.${action}`));
  if (mode === null) {
    return (
      <div class="action-buttons">
        {view.ownerOfficerId === null ? <p class="note">{t('tipoffDesk:actions.firstActOwns')}</p> : null}
        {actions.map((a, i) => (
          <Button
            key={a}
            block
            variant={i === 0 && a !== 'out_of_scope' ? 'primary' : 'secondary'}
            class={a === 'out_of_scope' ? 'button-danger' : undefined}
            onClick={() => setMode(a)}
          >
            {t(`tipoffDesk:actions.${a}`)}
          </Button>
        ))}
      </div>
    );
  }
  const cancel = () => setMode(null);
  if (mode === 'out_of_scope')
    return <OutOfScopeForm view={view} onCancel={cancel} onDone={() => done(mode)} />;
  if (mode === 'duplicate') return <DuplicateForm view={view} onCancel={cancel} onDone={() => done(mode)} />;
  const closing = mode === 'close';
  return (
    <ActionForm
      id={`tip-${mode}`}
      title={t(`tipoffDesk:actions.${mode}`)}
      intro={t(`tipoffDesk:actionIntro.${mode}`)}
      textLabel={t(closing ? 'tipoffDesk:form.summaryLabel' : 'tipoffDesk:form.noteLabel')}
      textHint={t(closing ? 'tipoffDesk:form.summaryHint' : 'tipoffDesk:form.noteHint')}
      maxChars={closing ? SUMMARY_MAX_CHARS : NOTE_MAX_CHARS}
      rows={closing ? 5 : 3}
      submit={t(`tipoffDesk:actions.${mode}`)}
      send={(note) => actOnTip(view.id, { action: mode, note } as never)}
      onCancel={cancel}
      onDone={() => done(mode)}
    />
  );
}

function OutOfScopeForm({
  view,
  onCancel,
  onDone,
}: {
  view: HandlerTipView;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState<OutOfScopeReason | null>(null);
  const [tried, setTried] = useState(false);
  // The dialog's answer: the form waits on it before sending.
  const [asking, setAsking] = useState<((ok: boolean) => void) | null>(null);
  const privatePerson = reason === 'private_person';
  return (
    <>
      {asking ? (
        <ConfirmDialog
          title={t('tipoffDesk:outOfScope.confirmTitle', { number: tipNumber(view.number) })}
          body={t('tipoffDesk:outOfScope.confirmBody')}
          confirm={t('tipoffDesk:outOfScope.confirm')}
          danger
          action={async () => true}
          onConfirmed={() => {
            asking(true);
            setAsking(null);
          }}
          onClose={() => {
            asking(false);
            setAsking(null);
          }}
        />
      ) : null}
      <ActionForm
        id="tip-out-of-scope"
        title={t('tipoffDesk:actions.out_of_scope')}
        intro={t('tipoffDesk:actionIntro.out_of_scope')}
        textLabel={t('tipoffDesk:form.noteLabel')}
        textHint={t('tipoffDesk:form.noteHint')}
        maxChars={NOTE_MAX_CHARS}
        submit={t(privatePerson ? 'tipoffDesk:outOfScope.deleteSubmit' : 'tipoffDesk:actions.out_of_scope')}
        danger={privatePerson}
        invalid={reason === null}
        shownFields={['reason']}
        onAttempt={() => setTried(true)}
        confirm={
          privatePerson
            ? () =>
                new Promise<boolean>((resolve) => {
                  // A function in state must be wrapped, or Preact calls it as an updater.
                  setAsking(() => resolve);
                })
            : undefined
        }
        send={(note) =>
          actOnTip(view.id, { action: 'out_of_scope', reason: reason ?? 'other', note } as never)
        }
        onCancel={onCancel}
        onDone={onDone}
      >
        <fieldset class="check-group" aria-describedby={tried && !reason ? 'oos-reason-error' : undefined}>
          <legend>{t('tipoffDesk:outOfScope.reason')}</legend>
          {OUT_OF_SCOPE_REASONS.map((r) => (
            <label key={r} class="check">
              <input type="radio" name="oos-reason" checked={reason === r} onChange={() => setReason(r)} />
              <span>{t(`tipoffDesk:outOfScopeReason.${r}`)}</span>
            </label>
          ))}
          {tried && !reason ? (
            <p class="field-error" id="oos-reason-error">
              {t('tipoffDesk:outOfScope.chooseReason')}
            </p>
          ) : null}
        </fieldset>
        {privatePerson ? (
          <Panel tone="warning" class="delete-warning">
            <p role="alert">
              <strong>{t('tipoffDesk:outOfScope.deleteWarningTitle')}</strong>
            </p>
            <p>{t('tipoffDesk:outOfScope.deleteWarning')}</p>
          </Panel>
        ) : null}
      </ActionForm>
    </>
  );
}

function DuplicateForm({
  view,
  onCancel,
  onDone,
}: {
  view: HandlerTipView;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [number, setNumber] = useState('');
  const [tried, setTried] = useState(false);
  const n = Number(number);
  const valid = /^\d+$/.test(number.trim()) && n > 0 && n !== view.number;
  return (
    <ActionForm
      id="tip-duplicate"
      title={t('tipoffDesk:actions.duplicate')}
      intro={t('tipoffDesk:actionIntro.duplicate')}
      textLabel={t('tipoffDesk:form.noteLabel')}
      textHint={t('tipoffDesk:form.noteHint')}
      maxChars={NOTE_MAX_CHARS}
      submit={t('tipoffDesk:actions.duplicate')}
      invalid={!valid}
      shownFields={['duplicateOfNumber']}
      onAttempt={() => setTried(true)}
      send={(note) => actOnTip(view.id, { action: 'duplicate', duplicateOfNumber: n, note })}
      onCancel={onCancel}
      onDone={onDone}
    >
      <Field
        id="tip-duplicate-number"
        label={t('tipoffDesk:duplicate.numberLabel')}
        hint={t('tipoffDesk:duplicate.numberHint')}
        error={tried && !valid ? t('tipoffDesk:duplicate.numberInvalid') : undefined}
      >
        <input
          type="text"
          inputMode="numeric"
          autocomplete="off"
          value={number}
          onInput={(e) => setNumber(e.currentTarget.value.replace(/^#/, ''))}
        />
      </Field>
    </ActionForm>
  );
}
