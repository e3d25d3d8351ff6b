// A grouped list (settings-style rows): a title with optional detail on each row.
import type { ComponentChildren } from 'preact';

export function List({ children, label }: { children: ComponentChildren; label?: string }) {
  return (
    <ul class="list" aria-label={label}>
      {children}
    </ul>
  );
}

export function ListItem({ title, detail }: { title: ComponentChildren; detail?: ComponentChildren }) {
  return (
    <li class="list-item">
      <span class="list-title">{title}</span>
      {detail ? <span class="list-detail">{detail}</span> : null}
    </li>
  );
}
