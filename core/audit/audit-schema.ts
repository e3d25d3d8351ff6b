// The audit viewer's filters (officer, action, record, date range in Shanghai days) and paging.
// Pure: the route's query, the use cases and the mini app's filter form share it.
import { z } from 'zod';
import { isIsoDate } from '../certificates/working-days';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

const ZDay = z.string().refine(isIsoDate, { message: 'admin:validation.date' });

export const ZAuditFilterSchema = z
  .object({
    actorUserId: z.uuid().optional(),
    action: z
      .string()
      .trim()
      .max(64)
      .regex(/^[a-z_.]*$/)
      .optional(),
    recordType: z
      .string()
      .trim()
      .max(64)
      .regex(/^[a-z_]*$/)
      .optional(),
    recordId: z.string().trim().max(100).optional(),
    /** First and last day (Shanghai), inclusive. */
    from: ZDay.optional(),
    to: ZDay.optional(),
    /** Entries older than this id (the next page). */
    before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE).optional(),
  })
  .strict()
  .refine((f) => !(f.from && f.to) || f.from <= f.to, {
    message: 'admin:validation.dateOrder',
    path: ['to'],
  });
export type TAuditFilter = z.infer<typeof ZAuditFilterSchema>;
