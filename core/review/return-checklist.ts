// 一次性告知: a return lists everything missing or wrong at once, as a checklist of (target, note).
// Shared by every review workflow (certificate applications, service-file items). Browser-safe.
import { z } from 'zod';
import {
  RETURN_ITEMS_MAX,
  RETURN_NOTE_MAX_CHARS,
  RETURN_NOTE_MIN_CHARS,
} from '../certificates/certificate-limits';

export { RETURN_ITEMS_MAX, RETURN_NOTE_MAX_CHARS, RETURN_NOTE_MIN_CHARS };

/** One checklist item: which field or document (`target`, as the workflow names them) and what to do. */
export function zReturnItem(target: RegExp) {
  return z.object({
    target: z.string().regex(target),
    note: z.string().trim().min(RETURN_NOTE_MIN_CHARS).max(RETURN_NOTE_MAX_CHARS),
  });
}

/** The body of a return: every item at once, at least one. */
export function zReturnChecklist(target: RegExp) {
  return z.object({ items: z.array(zReturnItem(target)).min(1).max(RETURN_ITEMS_MAX) });
}

/** The checklist as the numbered lines of the person's chat message. */
export function checklistText(items: readonly { note: string }[]): string {
  return items.map((i, n) => `${n + 1}. ${i.note}`).join('\n');
}
