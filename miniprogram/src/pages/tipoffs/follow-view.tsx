// "Follow my report": the receipt typed (spaces and dashes accepted) or picked from this phone, then
// the status, what has happened, the handler's messages and a reply, more attachments, chat
// notifications (mini app, explained), and the reward with its claim. The receipt stays in this
// screen's memory only: never in the address, never sent anywhere but in a request body.
import { useEffect, useState } from 'preact/hooks';
import {
  ACCOUNT_NAME_MAX_CHARS,
  BANK_NAME_MAX_CHARS,
  MESSAGE_MAX_CHARS,
  normalizeReceipt,
  TIP_STATUSES,
  type TipStatus,
} from '../../../../core/tipoffs/tipoff-schema';
import { Button } from '../../components/button';
import { Panel } from '../../components/card';
import { Field } from '../../components/field';
import { Section } from '../../components/page';
import { QrCode } from '../../components/qr-code';
import { isApiError } from '../../lib/api/api-error';
import {
  claimTipReward,
  getTipNotifications,
  lookupTip,
  type ReporterTipView,
  sendReporterMessage,
  setTipNotifications,
} from '../../lib/api/tipoffs';
import { formatDate } from '../../lib/format';
import { type TextKey, useI18n, useT } from '../../lib/i18n';
import { forgetReceiptOnPhone, type KeptReceipt, readKeptReceipts } from './kept-receipts';
import { SignedReceipt } from './receipt-panel';
import { categoryLabel } from './scope-and-tiers';
import { TipError, useCooldown } from './tip-errors';
import { AttachmentPicker, type ChosenFile, type ReporterChannel, uploadChosenFiles } from './tip-form';

export function statusLabel(status: TipStatus, t: (key: TextKey) => string): string {
  return t(`tipoffs:status.${status}`);
}

function eventLabel(type: string, t: (key: TextKey) => string): string {
  return t(`report:events.${type}` as TextKey);
}

/** Typing or picking a receipt; resolves with the report it opens. */
export function ReceiptEntry({
  canUsePhone,
  onOpened,
}: {
  canUsePhone: boolean;
  onOpened: (receipt: string, view: ReporterTipView) => void;
}) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [kept, setKept] = useState<KeptReceipt[]>([]);
  const [forgotten, setForgotten] = useState(false);
  const cooldown = useCooldown(error);

  useEffect(() => {
    if (!canUsePhone) return;
    let live = true;
    readKeptReceipts().then(
      ({ list }) => live && setKept(list),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [canUsePhone]);

  const open = async (receipt: string) => {
    setBusy(true);
    setError(null);
    try {
      onOpened(receipt, await lookupTip(receipt));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const receipt = normalizeReceipt(typed);
    setInvalid(!receipt);
    if (receipt && cooldown === 0) void open(receipt);
  };
  const forget = async (receipt: string) => {
    setKept(await forgetReceiptOnPhone(receipt));
    setForgotten(true);
  };

  return (
    <div class="stack">
      {kept.length ? (
        <Section title={t('report:follow.fromPhone')}>
          <ul class="plain-list tip-kept">
            {kept.map((k) => (
              <li key={k.receipt} class="card tip-kept-item">
                <button
                  type="button"
                  class="link-button"
                  disabled={busy || cooldown > 0}
                  onClick={() => void open(k.receipt)}
                >
                  {t('report:follow.pick', { number: k.number, day: k.day })}
                </button>
                <button type="button" class="link-button text-danger" onClick={() => void forget(k.receipt)}>
                  {t('report:follow.forget')}
                </button>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {forgotten ? (
        <p class="note" role="status">
          {t('report:follow.forgotten')}
        </p>
      ) : null}
      <form class="form" onSubmit={submit} noValidate>
        <Field
          id="follow-receipt"
          label={t('report:follow.receipt')}
          hint={t('report:follow.receiptHint')}
          error={invalid ? t('report:follow.receiptInvalid') : undefined}
        >
          <input
            type="text"
            inputMode="numeric"
            autocomplete="off"
            spellcheck={false}
            class="mono receipt-input"
            maxLength={64}
            value={typed}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </Field>
        <TipError error={error} cooldown={cooldown} receiptRoute />
        <Button type="submit" block busy={busy} disabled={cooldown > 0}>
          {t('report:follow.open')}
        </Button>
      </form>
    </div>
  );
}

export function TipStatusView({
  receipt,
  initial,
  channel,
  maxUploadMb,
  onLeave,
}: {
  receipt: string;
  initial: ReporterTipView;
  channel: ReporterChannel;
  maxUploadMb: number;
  onLeave: () => void;
}) {
  const t = useT();
  const [view, setView] = useState(initial);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const reload = async () => {
    try {
      setView(await lookupTip(receipt));
      setReloadError(null);
    } catch (err) {
      setReloadError(err);
    }
  };
  const closed = view.status === 'closed';
  const reachedStatuses = TIP_STATUSES.includes(view.status);

  return (
    <div class="stack tip-status-view">
      <Panel>
        <h2 class="section-title">{t('report:follow.number', { number: view.number })}</h2>
        <p class="field-hint">
          {t('report:follow.submittedOn', { day: view.day, category: categoryLabel(view.category, t) })}
        </p>
        <p>
          <span class="field-label">{t('report:follow.status')}</span>{' '}
          <span class="badge" data-status={view.status}>
            {reachedStatuses ? statusLabel(view.status, t) : view.status}
          </span>
        </p>
        {closed ? <p class="note">{t('report:follow.closedNote')}</p> : null}
      </Panel>
      <TipError error={reloadError} cooldown={0} receiptRoute />

      <Section title={t('report:follow.timeline')}>
        <ol class="timeline tip-timeline">
          {view.events.map((e, i) => (
            <li key={i} class="timeline-item">
              <span class="timeline-dot" aria-hidden="true" />
              <p class="timeline-title">{eventLabel(e.type, t)}</p>
              <p class="timeline-meta">{e.day}</p>
              {e.note ? <p class="timeline-detail pre-wrap">{e.note}</p> : null}
            </li>
          ))}
        </ol>
        {view.closingSummary ? (
          <Panel tone="info">
            <h3 class="section-title">{t('report:follow.closingSummary')}</h3>
            <p class="pre-wrap">{view.closingSummary}</p>
          </Panel>
        ) : null}
      </Section>

      <Section title={t('report:follow.content')}>
        {view.content ? (
          <dl class="tip-content">
            {view.content.villageName || view.content.place ? (
              <>
                <dt>{t('report:form.place')}</dt>
                <dd>{[view.content.villageName, view.content.place].filter(Boolean).join(' · ')}</dd>
              </>
            ) : null}
            <dt>{t('report:form.what')}</dt>
            <dd class="pre-wrap">{view.content.what}</dd>
            <dt>{t('report:form.period')}</dt>
            <dd>{view.content.period}</dd>
            {view.content.provider ? (
              <>
                <dt>{t('report:form.provider')}</dt>
                <dd>{view.content.provider}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p class="note">{t('report:follow.contentGone')}</p>
        )}
      </Section>

      <Messages receipt={receipt} view={view} onChanged={reload} />

      <Attachments receipt={receipt} view={view} maxUploadMb={maxUploadMb} onChanged={reload} />

      {channel === 'mini_app' && !closed ? <NotifySwitch receipt={receipt} /> : null}

      <Reward receipt={receipt} view={view} onChanged={reload} />

      <SignedReceipt text={view.signedReceipt} number={view.number} />

      <Button variant="secondary" block onClick={onLeave}>
        {t('report:follow.leave')}
      </Button>
    </div>
  );
}

function Messages({
  receipt,
  view,
  onChanged,
}: {
  receipt: string;
  view: ReporterTipView;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const cooldown = useCooldown(error);
  const send = async (e: Event) => {
    e.preventDefault();
    if (busy || cooldown > 0) return;
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await sendReporterMessage(receipt, text);
      setText('');
      setSent(true);
      await onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const screened = isApiError(error) && error.code === 'tip_screened';
  return (
    <Section title={t('report:follow.messages')}>
      {view.messages.length ? (
        <ul class="plain-list tip-messages">
          {view.messages.map((m) => (
            <li key={m.id} class={`card tip-message tip-message-${m.from}`}>
              <span class="field-hint">
                {m.from === 'handler' ? t('report:follow.fromOffice') : t('report:follow.fromYou')} · {m.day}
              </span>
              <p class="pre-wrap">{m.text}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="note">{t('report:follow.noMessages')}</p>
      )}
      {view.canWrite ? (
        <form class="form" onSubmit={send} noValidate>
          {screened ? (
            <div class="card panel-warning" role="alert">
              <p>{t('report:form.refusedBody')}</p>
              <p class="field-hint">{t('report:form.refusedKept')}</p>
            </div>
          ) : null}
          <Field
            id="tip-reply"
            label={t('report:follow.reply')}
            hint={t('report:follow.replyHint')}
            error={isApiError(error) ? error.fieldError('text') : undefined}
          >
            <textarea
              rows={3}
              value={text}
              maxLength={MESSAGE_MAX_CHARS}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </Field>
          {screened ? null : (
            <TipError error={error} cooldown={cooldown} receiptRoute shownFields={['text']} />
          )}
          {sent ? (
            <p class="text-success" role="status">
              {t('report:follow.sent')}
            </p>
          ) : null}
          <Button type="submit" variant="secondary" busy={busy} disabled={cooldown > 0 || !text.trim()}>
            {t('report:follow.send')}
          </Button>
        </form>
      ) : null}
    </Section>
  );
}

function Attachments({
  receipt,
  view,
  maxUploadMb,
  onChanged,
}: {
  receipt: string;
  view: ReporterTipView;
  maxUploadMb: number;
  onChanged: () => Promise<void>;
}) {
  const t = useT();
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<string[]>([]);
  const choose = (input: HTMLInputElement) => {
    const chosen = Array.from(input.files ?? []);
    input.value = '';
    setFiles((f) => [...f, ...chosen.map((file) => ({ file, keepMetadata: false }))]);
  };
  const upload = async () => {
    setBusy(true);
    const outcomes = await uploadChosenFiles(receipt, files, t);
    setResults(
      outcomes.map((o) =>
        o.ok
          ? t('report:follow.uploaded', { name: o.name })
          : t('report:follow.uploadFailed', { name: o.name, reason: o.reason ?? '' }),
      ),
    );
    setFiles([]);
    setBusy(false);
    await onChanged();
  };
  return (
    <Section title={t('report:follow.attachments')}>
      <p class="note">{t('report:follow.attachmentCount', { count: view.attachments.length })}</p>
      {view.canAttach ? (
        <>
          <AttachmentPicker
            id="tip-more-files"
            label={t('report:follow.addAttachments')}
            files={files}
            notes={[]}
            maxUploadMb={maxUploadMb}
            onChoose={choose}
            onChange={setFiles}
          />
          {files.length ? (
            <Button variant="secondary" busy={busy} onClick={() => void upload()}>
              {t('report:follow.addAttachments')}
            </Button>
          ) : null}
        </>
      ) : null}
      {results.length ? (
        <ul class="plain-list" role="status">
          {results.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

/**
 * The mini app's opt-in chat notices: shown as they are for this chat (asked with the receipt), said
 * plainly what turning them on keeps and when it is deleted, switched on and off in place.
 */
function NotifySwitch({ receipt }: { receipt: string }) {
  const t = useT();
  const [state, setState] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    let live = true;
    getTipNotifications(receipt)
      .then(
        (r) => live && setState(r.enabled),
        (err) => live && setError(err),
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [receipt]);
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    setError(null);
    try {
      setState((await setTipNotifications(receipt, enabled)).enabled);
      setChanged(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('report:follow.notifyTitle')}>
      <div class="card tip-notify">
        <p class="field-hint">{t('report:follow.notifyBody')}</p>
        <label class="switch-row">
          <span>{t('report:follow.notifySwitch')}</span>
          <input
            type="checkbox"
            role="switch"
            class="switch"
            aria-checked={state === true}
            checked={state === true}
            disabled={busy || state === null}
            onChange={(e) => void toggle(e.currentTarget.checked)}
          />
        </label>
        {state !== null ? (
          <p role="status" class={changed ? 'text-success' : 'field-hint'} data-testid="notify-state">
            {state ? t('report:follow.notifyOn') : t('report:follow.notifyOff')}
          </p>
        ) : null}
        <TipError error={error} cooldown={0} receiptRoute />
      </div>
    </Section>
  );
}

function Reward({
  receipt,
  view,
  onChanged,
}: {
  receipt: string;
  view: ReporterTipView;
  onChanged: () => Promise<void>;
}) {
  const { t, language } = useI18n();
  const [method, setMethod] = useState<'in_person' | 'bank_transfer'>(
    view.reward?.claimMethod ?? 'in_person',
  );
  const [bank, setBank] = useState({ accountName: '', bankName: '', accountNumber: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [claimed, setClaimed] = useState(false);
  const cooldown = useCooldown(error);
  const reward = view.reward;
  // The reporter said they will come in person: the hall scans the QR; nothing else is to be sent.
  const inPersonChosen = reward?.status === 'approved' && reward.claimMethod === 'in_person';
  const claim = async (e: Event) => {
    e.preventDefault();
    if (busy || cooldown > 0) return;
    setBusy(true);
    setError(null);
    try {
      await claimTipReward(method === 'in_person' ? { method, receipt } : { method, receipt, ...bank });
      setClaimed(method === 'bank_transfer');
      await onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (path: string) => (isApiError(error) ? error.fieldError(path) : undefined);
  return (
    <Section title={t('report:reward.title')}>
      {reward ? (
        <Panel tone={reward.status === 'approved' ? 'info' : undefined}>
          <p>
            <strong>
              {t('report:reward.amount', {
                amount: new Intl.NumberFormat(language).format(reward.amountYuan),
              })}
            </strong>{' '}
            · {t(`report:reward.statuses.${reward.status}`)}
          </p>
          {reward.claimDeadline && view.canClaim ? (
            <p class="field-hint">
              {t('report:reward.claimBy', { day: formatDate(reward.claimDeadline, language) })}
            </p>
          ) : null}
          {reward.status === 'claimed' && reward.claimMethod === 'bank_transfer' ? (
            <p class="field-hint">{t('report:reward.claimedBankNote')}</p>
          ) : null}
        </Panel>
      ) : (
        <p class="note">{t('report:reward.none')}</p>
      )}
      {claimed ? (
        <p class="text-success" role="status">
          {t('report:reward.claimed')}
        </p>
      ) : null}
      {view.canClaim ? (
        <form class="form" onSubmit={claim} noValidate>
          <fieldset class="field">
            <legend class="field-label">{t('report:reward.claimTitle')}</legend>
            <label class="choice">
              <input
                type="radio"
                name="claim-method"
                checked={method === 'in_person'}
                onChange={() => setMethod('in_person')}
              />
              <span>
                {t('report:reward.inPerson')}
                <span class="field-hint">{t('report:reward.inPersonBody')}</span>
              </span>
            </label>
            <label class="choice">
              <input
                type="radio"
                name="claim-method"
                checked={method === 'bank_transfer'}
                onChange={() => setMethod('bank_transfer')}
              />
              <span>
                {t('report:reward.bank')}
                <span class="field-hint">{t('report:reward.bankBody')}</span>
              </span>
            </label>
          </fieldset>
          {method === 'in_person' ? (
            <>
              <p class="note">{t('report:reward.inPersonBring')}</p>
              <figure class="qr-figure tip-claim-qr">
                <QrCode text={receipt} label={t('report:reward.qrLabel')} />
                <figcaption>{t('report:reward.qrCaption')}</figcaption>
              </figure>
            </>
          ) : (
            <>
              <Field id="claim-name" label={t('report:reward.accountName')} error={fieldError('accountName')}>
                <input
                  type="text"
                  autocomplete="off"
                  maxLength={ACCOUNT_NAME_MAX_CHARS}
                  value={bank.accountName}
                  onInput={(e) => setBank((b) => ({ ...b, accountName: e.currentTarget.value }))}
                />
              </Field>
              <Field id="claim-bank" label={t('report:reward.bankName')} error={fieldError('bankName')}>
                <input
                  type="text"
                  autocomplete="off"
                  maxLength={BANK_NAME_MAX_CHARS}
                  value={bank.bankName}
                  onInput={(e) => setBank((b) => ({ ...b, bankName: e.currentTarget.value }))}
                />
              </Field>
              <Field
                id="claim-account"
                label={t('report:reward.accountNumber')}
                hint={t('report:reward.accountNumberHint')}
                error={fieldError('accountNumber')}
              >
                <input
                  type="text"
                  inputMode="numeric"
                  autocomplete="off"
                  class="mono"
                  maxLength={40}
                  value={bank.accountNumber}
                  onInput={(e) => setBank((b) => ({ ...b, accountNumber: e.currentTarget.value }))}
                />
              </Field>
            </>
          )}
          <TipError
            error={error}
            cooldown={cooldown}
            receiptRoute
            shownFields={['accountName', 'bankName', 'accountNumber']}
          />
          {method === 'in_person' && inPersonChosen ? (
            <p class="text-success" role="status">
              {t('report:reward.inPersonChosen')}
            </p>
          ) : (
            <Button type="submit" busy={busy} disabled={cooldown > 0}>
              {method === 'in_person' ? t('report:reward.claimInPerson') : t('report:reward.claim')}
            </Button>
          )}
        </form>
      ) : null}
    </Section>
  );
}
