// What a reviewer types in the queue's search box, and how the server reads it: a certificate serial,
// the last 4–6 characters of an applicant's ID number, or (anything else) part of a name. The term
// travels in a POST body — never in a URL, where access logs and browser history would keep it.
// Browser-safe: zod and the limits only (the mini app validates the box with the same schema).
import { z } from 'zod';
import { ZIdString } from '../schema-primitives';

export const SEARCH_MIN_CHARS = 1;
export const SEARCH_MAX_CHARS = 40;
/** ID tails searched: at least 4 characters (the indexed part), at most 6. */
export const ID_TAIL_MIN = 4;
export const ID_TAIL_MAX = 6;

export const QUEUE_VIEWS = ['open', 'returned', 'decided'] as const;

/** The queue's filters as on screen (the list, the search and the export all take them). */
export const ZReviewFiltersSchema = z.object({
  /** open: waiting for a decision (by deadline); returned: waiting for the applicant; decided: issued or rejected. */
  view: z.enum(QUEUE_VIEWS).default('open'),
  villageId: ZIdString.optional(),
  mine: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type TReviewFilters = z.infer<typeof ZReviewFiltersSchema>;

const ZSearchTerm = z.string().trim().min(SEARCH_MIN_CHARS).max(SEARCH_MAX_CHARS);

/** POST /api/review/applications/search: a term, and the filters except the view (a search looks in every view). */
export const ZReviewSearchSchema = ZReviewFiltersSchema.omit({ view: true }).extend({
  q: ZSearchTerm,
  limit: z.number().int().min(1).max(100).default(50),
  offset: z.number().int().min(0).max(100_000).default(0),
});
export type TReviewSearch = z.infer<typeof ZReviewSearchSchema>;

export type SearchTerm =
  | { kind: 'serial'; value: string }
  | { kind: 'id_tail'; value: string }
  | { kind: 'name'; value: string };

const SERIAL = /^[A-Za-z0-9]{1,16}-\d{4}-\d{6}$/;
const ID_TAIL = new RegExp(`^\\d{${ID_TAIL_MIN - 1},${ID_TAIL_MAX - 1}}[\\dXx]$`);

/** Which of the three searches a term asks for. */
export function classifySearch(raw: string): SearchTerm {
  const q = raw.trim().replace(/\s+/g, ' ');
  if (SERIAL.test(q)) return { kind: 'serial', value: q.toUpperCase() };
  if (ID_TAIL.test(q)) return { kind: 'id_tail', value: q.toUpperCase() };
  return { kind: 'name', value: q };
}

/** POST /api/review/applications/export: the queue's filters and, when a search is on screen, its term. */
export const ZApplicationExportSchema = ZReviewFiltersSchema.extend({ q: ZSearchTerm.optional() });
export type TApplicationExport = z.infer<typeof ZApplicationExportSchema>;

export const CERTIFICATE_STATES = ['valid', 'expired', 'revoked'] as const;
const ZIsoDay = z.iso.date();

/** POST /api/review/certificates/export: issued certificates of my villages, by village, state and issue day. */
export const ZCertificateExportSchema = z.object({
  villageId: ZIdString.optional(),
  state: z.enum(CERTIFICATE_STATES).optional(),
  /** Issue days (China time), both inclusive. */
  issuedFrom: ZIsoDay.optional(),
  issuedTo: ZIsoDay.optional(),
});
export type TCertificateExport = z.infer<typeof ZCertificateExportSchema>;
