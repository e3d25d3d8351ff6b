// The app's buttons: primary (one per screen), secondary, and link-looking ones.
import type { ComponentChildren } from 'preact';

export interface ButtonProps {
  children: ComponentChildren;
  onClick?: () => void;
  variant?: 'primary' | 'secondary' | 'plain';
  type?: 'button' | 'submit';
  disabled?: boolean;
  /** Marks a running action: disabled, announced as busy. */
  busy?: boolean;
  block?: boolean;
  class?: string;
}

export function Button({
  children,
  onClick,
  variant = 'primary',
  type = 'button',
  disabled,
  busy,
  block,
  class: extra,
}: ButtonProps) {
  const classes = ['button', `button-${variant}`, block ? 'button-block' : '', extra ?? ''];
  return (
    <button
      type={type}
      class={classes.filter(Boolean).join(' ')}
      onClick={onClick}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
