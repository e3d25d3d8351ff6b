// Migrant marriage-and-childbirth certificates (流动人口婚育证明): the application a migrant fills in,
// its documents and history, the certificate issued from it, serial counters and public checks.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { storedFiles } from './stored-files';
import { users } from './users';
import { townships, villages } from './villages';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'returned',
  'issued',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** Statuses an officer still has to act on (the review queue). */
export const OPEN_REVIEW_STATUSES = [
  'submitted',
  'in_review',
] as const satisfies readonly ApplicationStatus[];

/** 'other': a document the office asks for that has no slot of its own (a residence permit…), named by the applicant. */
export const DOCUMENT_KINDS = ['id_card', 'hukou_page', 'marriage_certificate', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** One item of a 一次性告知 return: what is missing or wrong, and what to do about it. */
export interface ReturnItem {
  /** 'field:<dotted path>' | 'document:<kind>' | 'other' */
  target: string;
  note: string;
}

/**
 * What the application looked like when it was returned, so the reviewer sees on resubmission what
 * changed since (changes-since-return.ts). Documents are listed by what identifies them to a person.
 */
export interface ReturnSnapshot {
  at: string;
  form: Record<string, unknown>;
  villageId: number | null;
  documents: { id: string; kind: DocumentKind; label: string | null; fileName: string | null }[];
}

export const certificateApplications = pgTable(
  'certificate_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicantUserId: uuid('applicant_user_id')
      .notNull()
      .references(() => users.id),
    /** The village whose officers review it (the applicant's household registration village). */
    villageId: integer('village_id').references(() => villages.id),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
    /** The form as last saved: partial while a draft, complete once submitted. */
    form: jsonb('form').$type<Record<string, unknown>>().notNull().default({}),
    /** Optimistic concurrency: a save from a stale copy (another device) is refused, not merged. */
    version: integer('version').notNull().default(1),
    submissionCount: integer('submission_count').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** 首问负责: the first officer who opened it owns it until a recorded handover. */
    ownerOfficerId: uuid('owner_officer_id').references(() => users.id),
    ownedSince: timestamp('owned_since', { withTimezone: true }),
    returnItems: jsonb('return_items').$type<ReturnItem[]>(),
    /** Taken at the last return and kept through the resubmission (the reviewer's "changes since return"). */
    returnSnapshot: jsonb('return_snapshot').$type<ReturnSnapshot>(),
    rejectReason: text('reject_reason'),
    /** Set once when the deadline passes undecided (escalated and counted). */
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cert_app_applicant_idx').on(t.applicantUserId),
    index('cert_app_queue_idx').on(t.status, t.deadlineAt),
    index('cert_app_village_status_idx').on(t.villageId, t.status),
    index('cert_app_owner_idx').on(t.ownerOfficerId),
    // The dashboard's window (decisions of the last 90 days, submissions and decisions per week) and
    // the decided queue read ranges of these, never the whole history.
    index('cert_app_submitted_idx').on(t.submittedAt),
    index('cert_app_decided_idx').on(t.decidedAt),
    // The same window for an officer of some villages: only their decisions inside it, not every
    // application of their villages (22,000 rows of two villages at 1,000,000 people; bench:scale).
    index('cert_app_village_decided_idx').on(t.villageId, t.decidedAt),
    // The reviewer's search by the last digits of an ID number reads this index, never every form.
    index('cert_app_id_tail_idx').on(sql`right(upper(${t.form} #>> '{applicant,idNumber}'), 4)`),
    // One application in progress per person: a second one would split documents and history.
    uniqueIndex('cert_app_one_open_per_applicant')
      .on(t.applicantUserId)
      .where(sql`${t.status} in ('draft', 'submitted', 'in_review', 'returned')`),
    check(
      'cert_app_status_check',
      sql`${t.status} in ('draft', 'submitted', 'in_review', 'returned', 'issued', 'rejected')`,
    ),
  ],
);

export const applicationDocuments = pgTable(
  'application_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => certificateApplications.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    /** What an 'other' document is, in the applicant's words ("居住证"); null for the other kinds. */
    label: text('label'),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    /** 'mini_app' or 'bot': both upload paths exist because some clients break multi-file upload. */
    source: text('source', { enum: ['mini_app', 'bot'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('app_docs_application_idx').on(t.applicationId),
    check(
      'app_docs_kind_check',
      sql`${t.kind} in ('id_card', 'hukou_page', 'marriage_certificate', 'other')`,
    ),
    // An 'other' document always says what it is; the fixed kinds never carry a label.
    check(
      'app_docs_label_check',
      sql`(${t.kind} = 'other') = (${t.label} is not null) and char_length(coalesce(${t.label}, '')) <= 40`,
    ),
  ],
);

export const APPLICATION_EVENT_TYPES = [
  'created',
  'submitted',
  'claimed',
  'handed_over',
  'returned',
  'resubmitted',
  /** The applicant moved it to another village on resubmission (see route-resubmission.ts). */
  'rerouted',
  'issued',
  'rejected',
  'revoked',
  'overdue',
] as const;
export type ApplicationEventType = (typeof APPLICATION_EVENT_TYPES)[number];

/** The history of an application: every transition, who made it and why. Shown to the applicant. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => certificateApplications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    type: text('type', { enum: APPLICATION_EVENT_TYPES }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    /** Ids, reasons and checklists — what the applicant is entitled to read. */
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [index('app_events_application_idx').on(t.applicationId, t.at)],
);

/** Frozen copy of what the certificate states, taken from the form at issue time. */
export interface CertificateData {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  hukouAddress: string;
  currentResidence: string;
  residenceSince: string | null;
  maritalStatus: 'unmarried' | 'first_marriage' | 'remarried' | 'divorced' | 'widowed';
  marriageDate: string | null;
  spouse: { name: string; idNumber: string } | null;
  children: { name: string; sex: 'male' | 'female'; birthDate: string }[];
  issuer: { code: string; name: string };
}

export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .unique()
      .references(() => certificateApplications.id),
    holderUserId: uuid('holder_user_id')
      .notNull()
      .references(() => users.id),
    villageId: integer('village_id').references(() => villages.id),
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    /** <TOWNSHIP CODE>-<YEAR>-<6-digit sequence>, unique per township and year. */
    serial: text('serial').notNull().unique(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    data: jsonb('data').$type<CertificateData>().notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    issuedBy: uuid('issued_by')
      .notNull()
      .references(() => users.id),
    keyId: text('key_id').notNull(),
    /**
     * Printed beside the serial and carried in the QR's URL: the public look-up needs it, so a serial
     * alone (they are sequential) reveals nothing. 8 characters of Crockford base32 (check-code.ts).
     */
    checkCode: text('check_code').notNull(),
    /** The signed QR payload (docs/certificate-qr-format.md). */
    payload: text('payload').notNull(),
    status: text('status', { enum: ['valid', 'revoked'] })
      .notNull()
      .default('valid'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokeReason: text('revoke_reason'),
    /** The PDF in R2, once rendered (by the queue, after issue). */
    pdfFileId: uuid('pdf_file_id').references(() => storedFiles.id),
  },
  (t) => [
    uniqueIndex('certificates_township_year_seq_key').on(t.townshipId, t.year, t.seq),
    index('certificates_holder_idx').on(t.holderUserId),
    // Revoked certificates are few: the dashboard counts them from this, not from every certificate.
    index('certificates_revoked_idx').on(t.applicationId).where(sql`${t.status} = 'revoked'`),
  ],
);

/**
 * The review dashboard's "applications by status" per village (0 = none), kept exact by statement
 * triggers on certificate_applications and certificates (migration 0022), so the dashboard reads a
 * few rows per village at any population instead of counting every application. Drafts are not
 * counted; 'revoked' holds the revoked certificates of the village's (non-draft) applications.
 * Never written by the application; `application_status_counts_recount()` rebuilds it from the rows.
 */
export const applicationStatusCounts = pgTable(
  'application_status_counts',
  {
    villageId: integer('village_id').notNull(),
    status: text('status').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.status] })],
);

/**
 * The review dashboard's weekly chart: applications submitted and decided per village (0 = none) and
 * Shanghai week (its Monday), kept exact by the same triggers (migration 0022), so the eight weeks
 * read a few rows per village however many applications the weeks hold. Drafts are not counted.
 */
export const applicationWeekCounts = pgTable(
  'application_week_counts',
  {
    villageId: integer('village_id').notNull(),
    week: date('week', { mode: 'string' }).notNull(),
    /** submitted | decided */
    kind: text('kind').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.week, t.kind] })],
);

/** Next serial per township and year, taken atomically with INSERT … ON CONFLICT DO UPDATE. */
export const certificateSerials = pgTable(
  'certificate_serials',
  {
    townshipId: integer('township_id')
      .notNull()
      .references(() => townships.id),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.townshipId, t.year] })],
);

/**
 * Public checks counted per day (China time), channel and answer — no serial, no caller, nothing that
 * could tell who checked which certificate. Purged after VERIFICATION_COUNT_RETENTION_DAYS.
 */
export const certificateVerificationCounts = pgTable(
  'certificate_verification_counts',
  {
    day: date('day', { mode: 'string' }).notNull(),
    channel: text('channel', { enum: ['page', 'api'] }).notNull(),
    result: text('result', { enum: ['valid', 'expired', 'revoked', 'not_found'] }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.channel, t.result] })],
);
