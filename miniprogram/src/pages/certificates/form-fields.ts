// The application form's map: its steps, every field's path (as the API and the zod schema name it),
// its label and its element id. Shared by the form, the read-only summary and the officer's
// return checklist, so a checklist item or a server error can always point at the right field.
// No zod here: this file is also part of the officer's pages.
import type { DocumentKind, MaritalStatus } from '../../../../core/certificates/application-schema';

export { MAX_CHILDREN } from '../../../../core/certificates/certificate-limits';

import type { TextKey, Translate } from '../../lib/i18n';

export const STEPS = ['personal', 'residence', 'marital', 'children', 'documents', 'review'] as const;
export type StepId = (typeof STEPS)[number];

/** In the order the office lists them; 'other' (named by the applicant) comes last. */
export const DOCUMENT_KIND_LIST = [
  'id_card',
  'hukou_page',
  'marriage_certificate',
  'other',
] as const satisfies readonly DocumentKind[];
export const MARITAL_STATUS_LIST = [
  'unmarried',
  'first_marriage',
  'remarried',
  'divorced',
  'widowed',
] as const satisfies readonly MaritalStatus[];
export const SEX_LIST = ['male', 'female'] as const;

/** A spouse and a marriage certificate are asked for only while married (the schema's rule too). */
export function isMarried(status: string | undefined): boolean {
  return status === 'first_marriage' || status === 'remarried';
}

export interface FieldDef {
  path: string;
  step: StepId;
  label: TextKey;
}

/** The form's fields in the order they appear. */
export const FIELDS: readonly FieldDef[] = [
  { path: 'applicant.name', step: 'personal', label: 'certForm.fields.name' },
  { path: 'applicant.idNumber', step: 'personal', label: 'certForm.fields.idNumber' },
  { path: 'applicant.sex', step: 'personal', label: 'certForm.fields.sex' },
  { path: 'applicant.birthDate', step: 'personal', label: 'certForm.fields.birthDate' },
  { path: 'applicant.phone', step: 'personal', label: 'certForm.fields.phone' },
  { path: 'villageId', step: 'personal', label: 'certForm.fields.villageId' },
  { path: 'hukouAddress', step: 'residence', label: 'certForm.fields.hukouAddress' },
  { path: 'currentResidence.address', step: 'residence', label: 'certForm.fields.currentAddress' },
  { path: 'currentResidence.since', step: 'residence', label: 'certForm.fields.residenceSince' },
  { path: 'marital.status', step: 'marital', label: 'certForm.fields.maritalStatus' },
  { path: 'marital.marriageDate', step: 'marital', label: 'certForm.fields.marriageDate' },
  { path: 'marital.spouse.name', step: 'marital', label: 'certForm.fields.spouseName' },
  { path: 'marital.spouse.idNumber', step: 'marital', label: 'certForm.fields.spouseIdNumber' },
  { path: 'children', step: 'children', label: 'certForm.fields.children' },
];

const CHILD_FIELDS: Record<string, TextKey> = {
  name: 'certForm.fields.childName',
  sex: 'certForm.fields.childSex',
  birthDate: 'certForm.fields.childBirthDate',
};

const GROUP_STEPS: Record<string, StepId> = {
  applicant: 'personal',
  villageId: 'personal',
  hukouAddress: 'residence',
  currentResidence: 'residence',
  marital: 'marital',
  children: 'children',
  documents: 'documents',
};

/** Paths from the draft endpoint carry the body's 'form.' prefix; the submit endpoint's do not. */
export function normalizePath(path: string): string {
  return path.startsWith('form.') ? path.slice(5) : path;
}

export function stepOfPath(path: string): StepId {
  return GROUP_STEPS[path.split('.')[0] ?? ''] ?? 'review';
}

export function stepIndex(step: StepId): number {
  return STEPS.indexOf(step);
}

/** The element to focus for a path: the input itself, or the documents' upload button. */
export function fieldId(path: string): string {
  if (path.startsWith('documents.')) return `doc-${path.slice('documents.'.length)}`;
  return `f-${path.replace(/\./g, '-')}`;
}

/** A person-readable name for a path: 'Resident ID number', 'Child 2 · Date of birth', 'Marriage certificate'. */
export function labelOfPath(path: string, t: Translate): string {
  const parts = path.split('.');
  if (parts[0] === 'documents' && parts[1]) return t(`certificates:documentKind.${parts[1] as DocumentKind}`);
  if (parts[0] === 'children' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const n = Number(parts[1]) + 1;
    const field = parts[2] ? CHILD_FIELDS[parts[2]] : undefined;
    return field ? t('certForm.childField', { n, field: t(field) }) : t('certForm.childN', { n });
  }
  const exact = FIELDS.find((f) => f.path === path);
  if (exact) return t(exact.label);
  return t(`certForm.steps.${stepOfPath(path)}`);
}

/** The path a return-checklist target points at ('field:applicant.idNumber' → 'applicant.idNumber'). */
export function pathOfTarget(target: string): string | null {
  if (target.startsWith('field:')) return target.slice('field:'.length);
  if (target.startsWith('document:')) return `documents.${target.slice('document:'.length)}`;
  return null;
}

/** Reads a form value by dotted path from the stored form (unknown JSON). */
export function valueAt(form: unknown, path: string): unknown {
  let node: unknown = form;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
