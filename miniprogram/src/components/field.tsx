// A labelled form control with its hint and the server's error for that field, wired for screen
// readers (aria-describedby, aria-invalid) so pages only pass the control itself.
import { cloneElement, type VNode } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** The message for this field, e.g. apiError.fieldError('villageId'). */
  error?: string;
  /** A note someone else left on this field (e.g. the reviewing officer's request), shown above it. */
  flag?: string;
  children: VNode<Record<string, unknown>>;
}

export function Field({ id, label, hint, error, flag, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const flagId = flag ? `${id}-flag` : undefined;
  const describedBy = [errorId, flagId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label class="field-label" for={id}>
        {label}
      </label>
      {flag ? (
        <p class="field-flag" id={flagId}>
          {flag}
        </p>
      ) : null}
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
      })}
      {error ? (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
