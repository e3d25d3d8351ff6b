// Telegram HTML ⇄ the formatted editor's DOM. Loading builds the editor's nodes from a checked text,
// copying only the formatting Telegram knows (anything else keeps the editor in its HTML view);
// saving turns what the browser's editing made of them — <b>, <div> lines, <br> — back into Telegram
// HTML, which core's checker (the server's) then validates as for any other text.
import { checkTelegramHtml, escapeHtml } from '../../../../core/campaigns/telegram-html';

/** Telegram's tags (and their aliases) → the one tag the editor uses and writes back. */
const CANONICAL: Record<string, string> = {
  b: 'b',
  strong: 'b',
  i: 'i',
  em: 'i',
  u: 'u',
  ins: 'u',
  s: 's',
  strike: 's',
  del: 's',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  a: 'a',
};
/** Line boxes the browser makes when Enter is pressed. */
const BLOCKS = new Set(['div', 'p']);
/** Link addresses a message may carry (Telegram also opens tg:// links). */
const SAFE_HREF = /^(https?|tg):\/\/\S+$/i;

export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim());
}

const isSpoiler = (el: Element) =>
  el.localName === 'tg-spoiler' || (el.localName === 'span' && el.classList.contains('tg-spoiler'));

/**
 * Puts a message's text into the editor, formatted. False (and nothing changed) when the text is not
 * valid Telegram HTML or uses something the formatted view cannot keep (custom emoji, an unsafe link).
 */
export function fillEditor(target: HTMLElement, html: string): boolean {
  if (!checkTelegramHtml(html).ok) return false;
  // An inert document: nothing in it runs or loads; only copies of allowed nodes reach the page.
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
  const fragment = target.ownerDocument.createDocumentFragment();
  if (!copyAllowed(parsed, fragment, target.ownerDocument)) return false;
  target.replaceChildren(fragment);
  return true;
}

function copyAllowed(from: Node, to: Node, doc: Document): boolean {
  for (const child of Array.from(from.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) {
      to.appendChild(doc.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (!(child instanceof Element)) continue;
    let copy: HTMLElement;
    if (isSpoiler(child)) {
      copy = doc.createElement('span');
      copy.className = 'tg-spoiler';
    } else {
      const tag = CANONICAL[child.localName];
      if (!tag) return false;
      copy = doc.createElement(tag);
      if (tag === 'a') {
        const href = child.getAttribute('href') ?? '';
        if (!isSafeHref(href)) return false;
        copy.setAttribute('href', href.trim());
      }
    }
    if (!copyAllowed(child, copy, doc)) return false;
    to.appendChild(copy);
  }
  return true;
}

/** The editor's content as Telegram HTML. */
export function editorToHtml(root: Node): string {
  const out: string[] = [];
  writeChildren(root, out);
  return out.join('');
}

const endsWithNewline = (out: string[]) => {
  for (let i = out.length - 1; i >= 0; i -= 1) if (out[i] !== '') return out[i]!.endsWith('\n');
  return true; // nothing yet: a first line needs no break before it
};

function writeChildren(node: Node, out: string[]): void {
  const children = Array.from(node.childNodes);
  children.forEach((child, index) => {
    if (child.nodeType === Node.TEXT_NODE) {
      // Browsers keep runs of spaces as no-break spaces while editing.
      out.push(escapeHtml((child.textContent ?? '').replace(/\u00a0/g, ' ')));
      return;
    }
    if (!(child instanceof Element)) return;
    const name = child.localName;
    if (name === 'br') {
      // A <br> closing a line that has text is the browser's placeholder, not an empty line.
      if (index < children.length - 1 || children.length === 1) out.push('\n');
      return;
    }
    if (BLOCKS.has(name)) {
      if (!endsWithNewline(out)) out.push('\n');
      writeChildren(child, out);
      return;
    }
    const tag = isSpoiler(child) ? 'tg-spoiler' : CANONICAL[name];
    const inner: string[] = [];
    writeChildren(child, inner);
    const content = inner.join('');
    const href = child.getAttribute('href') ?? '';
    // Styling the browser added on its own (spans, fonts) is not Telegram formatting: its text stays.
    if (!tag || content === '' || (tag === 'a' && !isSafeHref(href))) out.push(content);
    else if (tag === 'a')
      out.push(`<a href="${escapeHtml(href.trim()).replace(/"/g, '&quot;')}">${content}</a>`);
    else out.push(`<${tag}>${content}</${tag}>`);
  });
}
