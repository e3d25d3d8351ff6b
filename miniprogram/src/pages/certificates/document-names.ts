// How a document is called on screen: by the name it was uploaded under; a chat photo (which has no
// name) by its kind and number. An 'other' document's kind is the applicant's own word for it.
import type { Translate } from '../../lib/i18n';

export interface NamedDocument {
  kind: 'id_card' | 'hukou_page' | 'marriage_certificate' | 'other';
  label: string | null;
  fileName: string | null;
}

/** "居民身份证（正反面）", or for an 'other' document what the applicant called it ("居住证"). */
export function kindTitle(doc: Pick<NamedDocument, 'kind' | 'label'>, t: Translate): string {
  if (doc.kind === 'other') return doc.label ?? t('certificates:documentKind.other');
  return t(`certificates:documentKind.${doc.kind}`);
}

/** "户口簿.pdf"; without a name "户口簿本人页 · 照片 2" (`index` among documents of its kind). */
export function documentName(doc: NamedDocument, index: number, t: Translate): string {
  return doc.fileName ?? t('certForm.docs.photoName', { kind: kindTitle(doc, t), n: index + 1 });
}
