// The shared schema's messages (core/service-file/service-file-schema.ts) are keys of the server's
// `serviceFile` namespace; the pages say the same thing from their own texts (fileApp:validation).
import type { TextKey, Translate } from '../../lib/i18n';

export function validationText(message: string, t: Translate): string {
  const key = message.replace(/^serviceFile:validation\./, '');
  return t(`fileApp:validation.${key}` as TextKey);
}

/** The first problem of each field, in words. */
export function issuesByField(
  result:
    | { success: true }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } },
  t: Translate,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!result.success)
    for (const issue of result.error.issues)
      out[String(issue.path[0] ?? '')] ??= validationText(issue.message, t);
  return out;
}
