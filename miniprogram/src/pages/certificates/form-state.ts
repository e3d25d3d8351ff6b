// The application form as the browser edits it (every value a string, '' = empty) and its way to
// and from the API's JSON, plus validation with the SAME zod schema the server uses on submit.
// Part of the lazily loaded form chunk: it pulls in zod.
import {
  dropEmptyFields,
  requiredDocuments,
  ZApplicationFormSchema,
} from '../../../../core/certificates/application-schema';
import type { ApplicationDocument, DocumentKind } from '../../lib/api/certificates';
import { isMarried, MARITAL_STATUS_LIST, SEX_LIST } from './form-fields';

type Sex = (typeof SEX_LIST)[number] | '';
type Status = (typeof MARITAL_STATUS_LIST)[number] | '';

export interface ChildState {
  name: string;
  sex: Sex;
  birthDate: string;
}

export interface FormState {
  applicant: { name: string; sex: Sex; birthDate: string; idNumber: string; phone: string };
  hukouAddress: string;
  currentResidence: { address: string; since: string };
  marital: { status: Status; marriageDate: string; spouse: { name: string; idNumber: string } };
  children: ChildState[];
}

type Json = Record<string, unknown>;
const rec = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const sex = (v: unknown): Sex => SEX_LIST.find((s) => s === v) ?? '';
const status = (v: unknown): Status => MARITAL_STATUS_LIST.find((s) => s === v) ?? '';

export function emptyChild(): ChildState {
  return { name: '', sex: '', birthDate: '' };
}

/** The stored draft (any shape the draft schema allowed) as editable state. */
export function fromServer(form: Json): FormState {
  const applicant = rec(form.applicant);
  const residence = rec(form.currentResidence);
  const marital = rec(form.marital);
  const spouse = rec(marital.spouse);
  return {
    applicant: {
      name: str(applicant.name),
      sex: sex(applicant.sex),
      birthDate: str(applicant.birthDate),
      idNumber: str(applicant.idNumber),
      phone: str(applicant.phone),
    },
    hukouAddress: str(form.hukouAddress),
    currentResidence: { address: str(residence.address), since: str(residence.since) },
    marital: {
      status: status(marital.status),
      marriageDate: str(marital.marriageDate),
      spouse: { name: str(spouse.name), idNumber: str(spouse.idNumber) },
    },
    children: Array.isArray(form.children)
      ? form.children.map((c) => ({
          name: str(rec(c).name),
          sex: sex(rec(c).sex),
          birthDate: str(rec(c).birthDate),
        }))
      : [],
  };
}

/**
 * What is saved and validated: empty inputs left out, and the fields the chosen marital status
 * hides (spouse unless married, marriage date when unmarried) not sent at all.
 */
export function toPayload(state: FormState): Json {
  const { status: s, marriageDate, spouse } = state.marital;
  return dropEmptyFields({
    applicant: state.applicant,
    hukouAddress: state.hukouAddress,
    currentResidence: state.currentResidence,
    marital: {
      status: s,
      ...(s && s !== 'unmarried' ? { marriageDate } : {}),
      ...(isMarried(s) ? { spouse } : {}),
    },
    children: state.children,
  });
}

export function getAt(state: FormState, path: string): string {
  let node: unknown = state;
  for (const part of path.split('.'))
    node = rec(node)[part] ?? (Array.isArray(node) ? node[Number(part)] : undefined);
  return str(node);
}

/** An updated copy with one value replaced ('children.1.name' included). */
export function setAt(state: FormState, path: string, value: string): FormState {
  const set = (node: unknown, parts: string[]): unknown => {
    const [head, ...rest] = parts;
    if (head === undefined) return value;
    if (Array.isArray(node)) {
      const copy = [...node];
      copy[Number(head)] = set(copy[Number(head)], rest);
      return copy;
    }
    const obj = rec(node);
    return { ...obj, [head]: set(obj[head], rest) };
  };
  return set(state, path.split('.')) as FormState;
}

/**
 * Every problem the browser can see before submitting, by field path → message key
 * ('certificates:validation.…'): the form schema's issues, the village, and missing documents —
 * the same checks, in the same words, as the server's answer to submit.
 */
export function validate(
  payload: Json,
  villageId: number | null,
  documents: readonly ApplicationDocument[],
): Map<string, string> {
  const issues = new Map<string, string>();
  const parsed = ZApplicationFormSchema.safeParse(payload);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      if (!issues.has(path)) issues.set(path, issue.message);
    }
  }
  if (!villageId) issues.set('villageId', 'certificates:validation.villageRequired');
  const have = new Set(documents.map((d) => d.kind));
  for (const kind of requiredDocuments(payload as never) as DocumentKind[]) {
    if (!have.has(kind)) issues.set(`documents.${kind}`, `certificates:validation.documentMissing.${kind}`);
  }
  return issues;
}

export function requiredKinds(payload: Json): DocumentKind[] {
  return requiredDocuments(payload as never);
}
