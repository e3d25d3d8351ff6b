// The name a document was uploaded under, made safe to keep and show: no path, no control or
// invisible formatting characters (a right-to-left override can disguise "gpj.exe" as "exe.jpg"),
// no characters that break a header or a shell, and at most FILE_NAME_MAX_CHARS characters with the
// extension kept. Pure: the mini app shows names cleaned the same way. Nothing usable left → null.

export const FILE_NAME_MAX_CHARS = 80;
const EXTENSION_MAX_CHARS = 8;
// Control (Cc), format (Cf: bidi overrides, zero-width), unpaired surrogates (Cs), private use (Co),
// and the characters Windows, headers and shells give a meaning.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}"*/:<>?\\|]/gu;

export function cleanFileName(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  // A browser or a chat client may send a whole path: keep its last part.
  const base = raw.split(/[/\\]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim()
    // A leading dot hides a file on some systems; trailing dots and spaces vanish on Windows.
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const chars = Array.from(cleaned);
  if (chars.length === 0) return null;
  if (chars.length <= FILE_NAME_MAX_CHARS) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  const keepExt = ext.length > 1 && ext.length <= EXTENSION_MAX_CHARS + 1 ? ext : [];
  const stem = Array.from(keepExt.length ? cleaned.slice(0, dot) : cleaned);
  return `${stem
    .slice(0, FILE_NAME_MAX_CHARS - keepExt.length - 1)
    .join('')
    .trimEnd()}…${keepExt.join('')}`;
}
