// One form shape for every officer step on a tip or reward: a heading, what happens, optional fields
// of its own, a text (note, summary, reason or reference) checked here against the API's limits, and
// the step's own button plus Cancel. A failure stays in the form with everything typed.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { isApiError } from '../../lib/api/api-error';
import { useT } from '../../lib/i18n';

export interface ActionFormProps {
  id: string;
  title: string;
  intro?: string;
  /** Fields before the text (a reason, a number, an amount). */
  children?: ComponentChildren;
  /** The text's label and hint; omit `textLabel` for a form without text. */
  textLabel?: string;
  textHint?: string;
  /** Optional text (a hand-over note): may be left empty. */
  textOptional?: boolean;
  maxChars: number;
  rows?: number;
  submit: string;
  danger?: boolean;
  /** Problems of the form's own fields (shown by the caller next to them); blocks sending. */
  invalid?: boolean;
  /** Fields the caller shows the server's errors for, besides `note`/`text`. */
  shownFields?: readonly string[];
  send: (text: string) => Promise<unknown>;
  /** Lets the caller ask for confirmation first (e.g. deleting content): resolves true to go on. */
  confirm?: (text: string) => Promise<boolean>;
  onCancel: () => void;
  onDone: () => void;
  /** The server's field name of the text: 'note', 'text', 'reason' or 'reference'. */
  textField?: string;
  onAttempt?: () => void;
}

export function ActionForm(props: ActionFormProps) {
  const t = useT();
  const [text, setText] = useState('');
  const [showError, setShowError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field = props.textField ?? 'note';
  const length = text.trim().length;
  const problem = !props.textLabel
    ? undefined
    : length === 0 && !props.textOptional
      ? t('tipoffDesk:form.required')
      : length > props.maxChars
        ? t('tipoffDesk:form.tooLong', { max: props.maxChars })
        : undefined;
  const submit = async (e: Event) => {
    e.preventDefault();
    setShowError(true);
    setError(null);
    props.onAttempt?.();
    if (problem || props.invalid) {
      if (problem) document.getElementById(`${props.id}-text`)?.focus();
      return;
    }
    if (props.confirm && !(await props.confirm(text.trim()))) return;
    setBusy(true);
    try {
      await props.send(text.trim());
      props.onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form class="card form action-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.intro ? <p class="field-hint">{props.intro}</p> : null}
      {props.children}
      {props.textLabel ? (
        <Field
          id={`${props.id}-text`}
          label={props.textLabel}
          hint={props.textHint}
          error={
            (isApiError(error) ? error.fieldError(field) : undefined) ?? (showError ? problem : undefined)
          }
        >
          <textarea
            rows={props.rows ?? 3}
            maxLength={props.maxChars}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </Field>
      ) : null}
      <FormError error={error} shownFields={[field, ...(props.shownFields ?? [])]} />
      <div class="form-actions">
        <Button type="submit" block busy={busy} class={props.danger ? 'button-danger-solid' : undefined}>
          {props.submit}
        </Button>
        <Button variant="secondary" block onClick={props.onCancel} disabled={busy}>
          {t('tipoffDesk:form.cancel')}
        </Button>
      </div>
    </form>
  );
}
