// Two tools beside the workflow: hand the case over to another handler (首问负责 — recorded, the other
// handler then owns it) and link this tip to an earlier one about the same matter (by its number; one
// reward per matter goes to its first substantiated tip).
import { useState } from 'preact/hooks';
import { NOTE_MAX_CHARS } from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { ErrorState, Loading } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import { type HandlerTipView, handOverTip, linkTip, listTipOfficers } from '../../lib/api/tipoff-desk';
import { useT } from '../../lib/i18n';
import { useResource } from '../../lib/use-resource';
import { ActionForm } from './action-form';
import { tipNumber } from './labels';

export function CaseTools({ view, onDone }: { view: HandlerTipView; onDone: (message: string) => void }) {
  const t = useT();
  const [mode, setMode] = useState<'handover' | 'link' | null>(null);
  if (!view.can.handOver && !view.can.write) return null;
  if (mode === 'handover') {
    return (
      <HandOverForm
        view={view}
        onCancel={() => setMode(null)}
        onDone={() => onDone(t('tipoffDesk:done.handedOver'))}
      />
    );
  }
  if (mode === 'link') {
    return <LinkForm view={view} onCancel={() => setMode(null)} onDone={onDone} />;
  }
  return (
    <div class="action-buttons">
      {view.can.handOver ? (
        <Button variant="secondary" block onClick={() => setMode('handover')}>
          {t('tipoffDesk:handover.open')}
        </Button>
      ) : null}
      {view.can.write ? (
        <Button variant="secondary" block onClick={() => setMode('link')}>
          {t('tipoffDesk:link.open')}
        </Button>
      ) : null}
    </div>
  );
}

function HandOverForm({
  view,
  onCancel,
  onDone,
}: {
  view: HandlerTipView;
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const officers = useResource(() => listTipOfficers(view.id), [view.id]);
  const [to, setTo] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const candidates = (officers.data?.officers ?? []).filter((o) => o.userId !== view.ownerOfficerId);
  if (officers.error) return <ErrorState error={officers.error} onRetry={officers.reload} />;
  if (!officers.data) return <Loading />;
  if (!candidates.length) {
    return (
      <div class="card">
        <p class="muted">{t('tipoffDesk:handover.noOne')}</p>
        <Button variant="secondary" block onClick={onCancel}>
          {t('tipoffDesk:form.cancel')}
        </Button>
      </div>
    );
  }
  return (
    <ActionForm
      id="tip-handover"
      title={t('tipoffDesk:handover.title')}
      intro={t('tipoffDesk:handover.intro')}
      textLabel={t('tipoffDesk:handover.note')}
      textHint={t('tipoffDesk:handover.noteHint')}
      textOptional
      maxChars={NOTE_MAX_CHARS}
      submit={t('tipoffDesk:handover.submit')}
      invalid={!to}
      shownFields={['toOfficerUserId']}
      onAttempt={() => setTried(true)}
      send={(note) => handOverTip(view.id, { toOfficerUserId: to!, ...(note ? { note } : {}) })}
      onCancel={onCancel}
      onDone={onDone}
    >
      <fieldset class="check-group">
        <legend>{t('tipoffDesk:handover.to')}</legend>
        {candidates.map((o) => (
          <label key={o.userId} class="check">
            <input
              type="radio"
              name="tip-handover-to"
              checked={to === o.userId}
              onChange={() => setTo(o.userId)}
            />
            <span>{o.displayName}</span>
          </label>
        ))}
        {tried && !to ? <p class="field-error">{t('tipoffDesk:handover.choose')}</p> : null}
      </fieldset>
    </ActionForm>
  );
}

function LinkForm({
  view,
  onCancel,
  onDone,
}: {
  view: HandlerTipView;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [number, setNumber] = useState('');
  const [tried, setTried] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);
  const n = Number(number);
  const valid = /^\d+$/.test(number.trim()) && n > 0 && n < view.number;
  return (
    <ActionForm
      id="tip-link"
      title={t('tipoffDesk:link.title')}
      intro={t('tipoffDesk:link.intro')}
      maxChars={0}
      submit={t('tipoffDesk:link.submit')}
      invalid={!valid}
      shownFields={['number']}
      onAttempt={() => setTried(true)}
      send={() =>
        linkTip(view.id, n).catch((e: unknown) => {
          setServerError(e);
          throw e;
        })
      }
      onCancel={onCancel}
      onDone={() => onDone(t('tipoffDesk:done.linked', { number: tipNumber(n) }))}
    >
      <Field
        id="tip-link-number"
        label={t('tipoffDesk:link.numberLabel')}
        hint={t('tipoffDesk:link.numberHint', { number: tipNumber(view.number) })}
        error={
          (isApiError(serverError) ? serverError.fieldError('number') : undefined) ??
          (tried && !valid
            ? t('tipoffDesk:link.numberInvalid', { number: tipNumber(view.number) })
            : undefined)
        }
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
