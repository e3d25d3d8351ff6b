// A message's text as the officer edits it: formatted (bold looks bold, a link looks like a link — what
// a publicity officer on a phone can use) or, behind a toggle, as the Telegram HTML itself. Both views
// edit the same Telegram HTML; the formatted one is built from it and written back on every change.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { escapeHtml } from '../../../../core/campaigns/telegram-html';
import { useT } from '../../lib/i18n';
import { editorToHtml, fillEditor, isSafeHref } from './rich-text';

type View = 'formatted' | 'source';
type Command = 'bold' | 'italic' | 'underline' | 'strikeThrough';

// The officer's choice holds for the session (every language tab, every campaign).
let preferredView: View = 'formatted';

export interface MessageTextEditorProps {
  id: string;
  language: string;
  value: string;
  placeholder: string;
  describedBy: string;
  invalid: boolean;
  onChange: (text: string) => void;
}

export function MessageTextEditor(props: MessageTextEditorProps) {
  const t = useT();
  const [view, setView] = useState<View>(preferredView);
  // Bumped each time the formatted view is asked for, so it is rebuilt from the current text.
  const [opened, setOpened] = useState(0);
  // The formatted view cannot show this text (invalid HTML, custom emoji…): the HTML view stays.
  const [cannotFormat, setCannotFormat] = useState(false);
  const editor = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [link, setLink] = useState<{ range: Range | null; href: string; error: boolean } | null>(null);
  const formatted = view === 'formatted' && !cannotFormat;

  // Built from the text when the view opens; afterwards the DOM is the source of truth until it closes.
  useEffect(() => {
    if (view !== 'formatted' || !editor.current) return;
    setCannotFormat(!fillEditor(editor.current, props.value));
  }, [view, opened]);

  const choose = (next: View) => {
    if (next === 'formatted') {
      setCannotFormat(false);
      setOpened((n) => n + 1);
    }
    preferredView = next;
    setView(next);
    setLink(null);
  };
  const sync = () => {
    if (editor.current) props.onChange(editorToHtml(editor.current));
  };
  const run = (command: Command) => {
    editor.current?.focus();
    document.execCommand(command);
    sync();
  };

  /** Source view: wraps the selection in a tag; a link selects its address placeholder to type over. */
  const wrap = (kind: 'b' | 'i' | 'u' | 's' | 'a') => {
    const el = textarea.current;
    if (!el) return;
    const { selectionStart: start, selectionEnd: end } = el;
    const selected = props.value.slice(start, end) || t('publicity:toolbar.sample');
    const open = kind === 'a' ? '<a href="https://">' : `<${kind}>`;
    props.onChange(`${props.value.slice(0, start)}${open}${selected}</${kind}>${props.value.slice(end)}`);
    requestAnimationFrame(() => {
      el.focus();
      if (kind === 'a') el.setSelectionRange(start + 9, start + 17);
      else el.setSelectionRange(start + open.length, start + open.length + selected.length);
    });
  };

  const openLink = () => {
    const selection = window.getSelection();
    const range =
      selection?.rangeCount && editor.current?.contains(selection.anchorNode)
        ? selection.getRangeAt(0).cloneRange()
        : null;
    setLink({ range, href: 'https://', error: false });
  };
  const applyLink = () => {
    if (!link || !editor.current) return;
    const href = link.href.trim();
    if (!isSafeHref(href)) {
      setLink({ ...link, error: true });
      return;
    }
    editor.current.focus();
    const selection = window.getSelection();
    if (link.range && selection) {
      selection.removeAllRanges();
      selection.addRange(link.range);
    }
    if (link.range && !link.range.collapsed) document.execCommand('createLink', false, href);
    // Without selected words the address itself becomes the link's text.
    else
      document.execCommand(
        'insertHTML',
        false,
        `<a href="${escapeHtml(href).replace(/"/g, '&quot;')}">${escapeHtml(href)}</a>`,
      );
    setLink(null);
    sync();
  };

  const tool = (label: string, glyph: ComponentChildren, action: () => void, wide = false) => (
    <button
      type="button"
      class={wide ? 'tool tool-wide' : 'tool'}
      aria-label={wide ? undefined : label}
      // Keeps the editor's selection: the button acts on the words the officer selected.
      onMouseDown={(e) => e.preventDefault()}
      onClick={action}
    >
      {glyph}
    </button>
  );

  return (
    <>
      <div class="toolbar" role="toolbar" aria-label={t('publicity:toolbar.label')} aria-controls={props.id}>
        {tool(
          t('publicity:toolbar.bold'),
          <b aria-hidden="true">B</b>,
          formatted ? () => run('bold') : () => wrap('b'),
        )}
        {tool(
          t('publicity:toolbar.italic'),
          <i aria-hidden="true">I</i>,
          formatted ? () => run('italic') : () => wrap('i'),
        )}
        {tool(
          t('publicity:toolbar.underline'),
          <u aria-hidden="true">U</u>,
          formatted ? () => run('underline') : () => wrap('u'),
        )}
        {tool(
          t('publicity:toolbar.strike'),
          <s aria-hidden="true">S</s>,
          formatted ? () => run('strikeThrough') : () => wrap('s'),
        )}
        {tool(
          t('publicity:toolbar.link'),
          t('publicity:toolbar.link'),
          formatted ? openLink : () => wrap('a'),
          true,
        )}
        <button
          type="button"
          class="tool tool-wide tool-view"
          aria-pressed={!formatted}
          onClick={() => choose(formatted ? 'source' : 'formatted')}
        >
          {t('publicity:toolbar.source')}
        </button>
      </div>
      {link && formatted ? (
        <div class="link-row">
          <label class="field-label" for={`${props.id}-href`}>
            {t('publicity:toolbar.linkAddress')}
          </label>
          <div class="link-row-controls">
            <input
              id={`${props.id}-href`}
              type="url"
              inputMode="url"
              value={link.href}
              aria-invalid={link.error || undefined}
              onInput={(e) => setLink({ ...link, href: e.currentTarget.value, error: false })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  applyLink();
                }
              }}
            />
            <button type="button" class="tool tool-wide" onClick={applyLink}>
              {t('publicity:toolbar.linkApply')}
            </button>
            <button type="button" class="tool tool-wide" onClick={() => setLink(null)}>
              {t('publicity:toolbar.linkCancel')}
            </button>
          </div>
          {link.error ? <p class="field-error">{t('publicity:toolbar.linkInvalid')}</p> : null}
        </div>
      ) : null}
      {cannotFormat && view === 'formatted' ? (
        <p class="field-hint text-warning" role="status">
          {t('publicity:toolbar.cannotFormat')}
        </p>
      ) : null}
      {formatted ? (
        // biome-ignore lint/a11y/useSemanticElements: a formatted text field has no native element
        <div
          ref={editor}
          id={props.id}
          class={props.value.trim() ? 'rich-editor' : 'rich-editor is-empty'}
          contentEditable
          role="textbox"
          tabIndex={0}
          aria-multiline="true"
          aria-labelledby={`${props.id}-label`}
          aria-describedby={props.describedBy}
          aria-invalid={props.invalid || undefined}
          lang={props.language}
          data-placeholder={props.placeholder}
          onInput={sync}
          onPaste={(e) => {
            // Only the words come in: formatting from elsewhere is not Telegram's.
            e.preventDefault();
            document.execCommand('insertText', false, e.clipboardData?.getData('text/plain') ?? '');
          }}
        />
      ) : (
        <textarea
          ref={textarea}
          id={props.id}
          rows={7}
          lang={props.language}
          value={props.value}
          placeholder={props.placeholder}
          aria-invalid={props.invalid || undefined}
          aria-labelledby={`${props.id}-label`}
          aria-describedby={props.describedBy}
          spellcheck={false}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      )}
    </>
  );
}
