// The one schema of the certificate application: the mini app validates the form with it and the API
// validates the request with it. Messages are i18n keys (namespace `certificates`), never prose.
// Browser-safe: imports only zod and the pure helpers next to it.
import { z } from 'zod';
import { isIsoDate, todayInShanghai } from '../review/working-days';
import {
  ADDRESS_MAX_CHARS,
  ADDRESS_MIN_CHARS,
  DOCUMENT_LABEL_MAX_CHARS,
  DRAFT_NAME_MAX_CHARS,
  ID_NUMBER_CHARS,
  MAX_CHILDREN,
  NAME_MAX_CHARS,
  PHONE_CHARS,
} from './certificate-limits';
import { parseResidentId, type ResidentIdResult } from './resident-id';

export const SEXES = ['male', 'female'] as const;
export const MARITAL_STATUSES = ['unmarried', 'first_marriage', 'remarried', 'divorced', 'widowed'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];
/** 'other': anything the office asks for that has no slot of its own, named by the applicant. */
export const DOCUMENT_KINDS = ['id_card', 'hukou_page', 'marriage_certificate', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export { ADDRESS_MAX_CHARS, ADDRESS_MIN_CHARS, MAX_CHILDREN, NAME_MAX_CHARS } from './certificate-limits';
/** 《民法典》第1047条: men may marry at 22, women at 20 (full years, 周岁). */
export const LEGAL_MARRIAGE_AGE = { male: 22, female: 20 } as const;
/** A child born before the applicant turned 12 is almost certainly a typo in one of the dates. */
export const MIN_PARENT_AGE = 12;
const EARLIEST_DATE = '1900-01-01';

/** Every message key the schemas can produce, under `certificates:validation.*`. */
export const VALIDATION_KEYS = [
  'required',
  'chooseOne',
  'invalidValue',
  'textTooLong',
  'nameLength',
  'nameCharacters',
  'dateFormat',
  'dateInvalid',
  'dateTooEarly',
  'dateInFuture',
  'idFormat',
  'idRegion',
  'idBirthDate',
  'idCheckDigit',
  'birthDateMismatchId',
  'sexMismatchId',
  'phoneFormat',
  'addressLength',
  'residenceBeforeBirth',
  'marriageDateRequired',
  'marriageDateNotAllowed',
  'spouseRequired',
  'spouseNotAllowed',
  'marriageBeforeBirth',
  'applicantUnderMarriageAgeMale',
  'applicantUnderMarriageAgeFemale',
  'spouseUnderMarriageAgeMale',
  'spouseUnderMarriageAgeFemale',
  'spouseIdSameAsApplicant',
  'childNameRequired',
  'childBornTooEarly',
  'tooManyChildren',
  'documentLabelRequired',
  'documentLabelLength',
] as const;
export type ValidationKey = (typeof VALIDATION_KEYS)[number];

const ID_REASON_KEYS = {
  format: 'idFormat',
  region: 'idRegion',
  birthDate: 'idBirthDate',
  checkDigit: 'idCheckDigit',
} as const satisfies Record<Extract<ResidentIdResult, { ok: false }>['reason'], ValidationKey>;

const ISO_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const MOBILE = /^1[3-9]\d{9}$/;
// '|' is the QR payload's separator; control characters never belong on a printed certificate.
const FORBIDDEN_IN_NAME = /[|\p{Cc}]/u;

function msg(k: ValidationKey): string {
  return `certificates:validation.${k}`;
}

// Missing → "required"; present but of the wrong type (a number for a name…) → "invalidValue".
const typeError = (issue: { input?: unknown }) =>
  msg(issue.input === undefined ? 'required' : 'invalidValue');
const zSex = z.enum(SEXES, { error: (i) => msg(i.input === undefined ? 'required' : 'chooseOne') });
const zMaritalStatus = z.enum(MARITAL_STATUSES, {
  error: (i) => msg(i.input === undefined ? 'required' : 'chooseOne'),
});

const charCount = (s: string) => Array.from(s).length;
const group = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: typeError });

/** The applicant's name for an 'other' document: required for that kind, one line, limited length. */
export const ZDocumentLabelSchema = z
  .string({ error: typeError })
  .trim()
  .min(1, { error: msg('documentLabelRequired') })
  .refine((v) => charCount(v) <= DOCUMENT_LABEL_MAX_CHARS && !/[\p{Cc}\p{Cf}]/u.test(v), {
    error: msg('documentLabelLength'),
  });

// ---------------------------------------------------------------------------------------------
// Draft: every field optional and only type- and length-checked, so a half-filled form can be saved.

const draftText = (max: number) => z.string({ error: typeError }).max(max, { error: msg('textTooLong') });
const draftDate = draftText(10);
const draftPerson = z
  .object({ name: draftText(DRAFT_NAME_MAX_CHARS), idNumber: draftText(ID_NUMBER_CHARS) })
  .partial();

export const ZApplicationDraftSchema = z.object({
  applicant: z
    .object({
      name: draftText(DRAFT_NAME_MAX_CHARS),
      sex: zSex,
      birthDate: draftDate,
      idNumber: draftText(ID_NUMBER_CHARS),
      phone: draftText(PHONE_CHARS),
    })
    .partial()
    .optional(),
  hukouAddress: draftText(ADDRESS_MAX_CHARS).optional(),
  currentResidence: z
    .object({ address: draftText(ADDRESS_MAX_CHARS), since: draftDate })
    .partial()
    .optional(),
  marital: z
    .object({ status: zMaritalStatus, marriageDate: draftDate, spouse: draftPerson })
    .partial()
    .optional(),
  children: z
    .array(z.object({ name: draftText(DRAFT_NAME_MAX_CHARS), sex: zSex, birthDate: draftDate }).partial())
    .max(MAX_CHILDREN, { error: msg('tooManyChildren') })
    .optional(),
});
export type TApplicationDraft = z.infer<typeof ZApplicationDraftSchema>;

// ---------------------------------------------------------------------------------------------
// Complete form, for submission.

export interface ApplicationFormOptions {
  /** 'YYYY-MM-DD' in Shanghai, or a function read at each parse; defaults to the real current day. */
  today?: string | (() => string);
}

/** Builds the submission schema; tests pin `today`, the default instance reads the clock per parse. */
export function applicationFormSchema(options: ApplicationFormOptions = {}) {
  const fixed = options.today;
  if (typeof fixed === 'string' && !isIsoDate(fixed))
    throw new RangeError(`today must be YYYY-MM-DD, got "${fixed}"`);
  const today = (): string => (typeof fixed === 'function' ? fixed() : (fixed ?? todayInShanghai()));

  // One issue per field, and never an aborting one: an explicitly aborted parse would skip the
  // cross-field rules below, and the person should hear about every problem at once.
  const zName = (lengthKey: ValidationKey) =>
    z
      .string({ error: typeError })
      .trim()
      .superRefine((v, ctx) => {
        const key = nameProblem(v, lengthKey);
        if (key) ctx.addIssue({ code: 'custom', message: msg(key) });
      });

  const zPastDate = z.string({ error: typeError }).superRefine((d, ctx) => {
    const key = dateProblem(d, today());
    if (key) ctx.addIssue({ code: 'custom', message: msg(key) });
  });

  const zIdNumber = z
    .string({ error: typeError })
    .trim()
    .superRefine((v, ctx) => {
      const id = parseResidentId(v, { today: today() });
      if (!id.ok) ctx.addIssue({ code: 'custom', message: msg(ID_REASON_KEYS[id.reason]) });
    })
    // Stored and signed with an upper-case X whatever the person typed.
    .transform((v) => v.toUpperCase());

  const zAddress = z
    .string({ error: typeError })
    .trim()
    .refine((v) => charCount(v) >= ADDRESS_MIN_CHARS && charCount(v) <= ADDRESS_MAX_CHARS, {
      error: msg('addressLength'),
    });

  const zPhone = z
    .string({ error: typeError })
    .trim()
    .regex(MOBILE, { error: msg('phoneFormat') });

  return z
    .object(
      {
        applicant: group({
          name: zName('nameLength'),
          sex: zSex,
          birthDate: zPastDate,
          idNumber: zIdNumber,
          phone: zPhone.optional(),
        }),
        hukouAddress: zAddress,
        currentResidence: group({ address: zAddress, since: zPastDate.optional() }),
        marital: group({
          status: zMaritalStatus,
          marriageDate: zPastDate.optional(),
          spouse: group({ name: zName('nameLength'), idNumber: zIdNumber }).optional(),
        }),
        children: z
          .array(group({ name: zName('childNameRequired'), sex: zSex, birthDate: zPastDate }), {
            error: typeError,
          })
          .max(MAX_CHILDREN, { error: msg('tooManyChildren') })
          .default([]),
      },
      { error: typeError },
    )
    .superRefine((form, ctx) => checkCrossFieldRules(form, ctx, today()), {
      // Run even when single fields failed, so the person hears about everything at once (一次性告知).
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    });
}

/** The submission schema with the real clock. */
export const ZApplicationFormSchema = applicationFormSchema();
export type TApplicationForm = z.output<typeof ZApplicationFormSchema>;
/** What a client sends (children may be omitted; IDs may have a lower-case x). */
export type TApplicationFormInput = z.input<typeof ZApplicationFormSchema>;

/** Evidence the applicant must upload; works on drafts too so the checklist shows while filling in. */
export function requiredDocuments(form: { marital?: { status?: MaritalStatus } }): DocumentKind[] {
  const status = form.marital?.status;
  const married = status === 'first_marriage' || status === 'remarried';
  return married ? ['id_card', 'hukou_page', 'marriage_certificate'] : ['id_card', 'hukou_page'];
}

/**
 * Removes empty and whitespace-only strings (deeply) so an untouched optional input ('' from a text
 * box) counts as "not given" rather than failing its format check. Arrays keep their positions.
 */
export function dropEmptyFields<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => dropEmptyFields(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = dropEmptyFields(v);
  }
  return out as T;
}

/** Full years (周岁) reached on `on` by someone born on `birth`; both 'YYYY-MM-DD'. */
export function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  // A 29 February birthday is reached on 1 March in common years ('03-01' > '02-29').
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

// The form may reach this check with some fields invalid (see `when` above): read every value
// defensively and only compare fields that are themselves valid, so each problem is reported once.
function checkCrossFieldRules(form: unknown, ctx: z.RefinementCtx, today: string): void {
  const issue = (path: (string | number)[], key: ValidationKey) =>
    ctx.addIssue({ code: 'custom', message: msg(key), path });
  const root = asRecord(form);
  const applicant = asRecord(root.applicant);
  const residence = asRecord(root.currentResidence);
  const marital = asRecord(root.marital);
  const spouse = marital.spouse === undefined ? undefined : asRecord(marital.spouse);

  const birth = validDate(applicant.birthDate, today);
  const sex = SEXES.find((s) => s === applicant.sex);
  const id = validId(applicant.idNumber, today);
  if (id && birth && id.birthDate !== birth) issue(['applicant', 'birthDate'], 'birthDateMismatchId');
  if (id && sex && id.sex !== sex) issue(['applicant', 'sex'], 'sexMismatchId');

  const since = validDate(residence.since, today);
  if (since && birth && since < birth) issue(['currentResidence', 'since'], 'residenceBeforeBirth');

  const status = MARITAL_STATUSES.find((s) => s === marital.status);
  if (status === 'first_marriage' || status === 'remarried') {
    if (marital.marriageDate === undefined) issue(['marital', 'marriageDate'], 'marriageDateRequired');
    if (spouse === undefined) {
      issue(['marital', 'spouse', 'name'], 'spouseRequired');
      issue(['marital', 'spouse', 'idNumber'], 'spouseRequired');
    }
  }
  if (status === 'unmarried') {
    if (marital.marriageDate !== undefined) issue(['marital', 'marriageDate'], 'marriageDateNotAllowed');
    if (spouse !== undefined) issue(['marital', 'spouse'], 'spouseNotAllowed');
  }

  const marriageDate = status && status !== 'unmarried' ? validDate(marital.marriageDate, today) : undefined;
  if (marriageDate && birth) {
    if (marriageDate <= birth) issue(['marital', 'marriageDate'], 'marriageBeforeBirth');
    else if (sex && ageOn(birth, marriageDate) < LEGAL_MARRIAGE_AGE[sex]) {
      issue(
        ['marital', 'marriageDate'],
        sex === 'male' ? 'applicantUnderMarriageAgeMale' : 'applicantUnderMarriageAgeFemale',
      );
    }
  }

  const spouseId = status !== 'unmarried' && spouse ? validId(spouse.idNumber, today) : undefined;
  if (spouseId && id && spouseId.normalized === id.normalized) {
    issue(['marital', 'spouse', 'idNumber'], 'spouseIdSameAsApplicant');
  } else if (
    spouseId &&
    marriageDate &&
    ageOn(spouseId.birthDate, marriageDate) < LEGAL_MARRIAGE_AGE[spouseId.sex]
  ) {
    // The spouse's age can only come from their ID, so that is the field to re-check.
    issue(
      ['marital', 'spouse', 'idNumber'],
      spouseId.sex === 'male' ? 'spouseUnderMarriageAgeMale' : 'spouseUnderMarriageAgeFemale',
    );
  }

  if (Array.isArray(root.children) && birth) {
    root.children.forEach((child, i) => {
      const childBirth = validDate(asRecord(child).birthDate, today);
      if (childBirth && ageOn(birth, childBirth) < MIN_PARENT_AGE)
        issue(['children', i, 'birthDate'], 'childBornTooEarly');
    });
  }
}

function nameProblem(v: string, lengthKey: ValidationKey): ValidationKey | undefined {
  const n = charCount(v);
  if (n < 1 || n > NAME_MAX_CHARS) return lengthKey;
  if (FORBIDDEN_IN_NAME.test(v)) return 'nameCharacters';
  return undefined;
}

function dateProblem(d: string, today: string): ValidationKey | undefined {
  if (!ISO_DATE_SHAPE.test(d)) return 'dateFormat';
  if (!isIsoDate(d)) return 'dateInvalid';
  if (d < EARLIEST_DATE) return 'dateTooEarly';
  if (d > today) return 'dateInFuture';
  return undefined;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function validDate(v: unknown, today: string): string | undefined {
  return typeof v === 'string' && dateProblem(v, today) === undefined ? v : undefined;
}

function validId(v: unknown, today: string) {
  if (typeof v !== 'string') return undefined;
  const id = parseResidentId(v, { today });
  return id.ok ? id : undefined;
}
