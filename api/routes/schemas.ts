// Response schemas shared by route definitions (OpenAPI) — the mini app reads the same types.
import { z } from '@hono/zod-openapi';

export const ZErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: ZErrorResponse } } },
  401: {
    description: 'Missing, tampered or stale init data',
    content: { 'application/json': { schema: ZErrorResponse } },
  },
  403: {
    description: 'Not allowed or out of scope',
    content: { 'application/json': { schema: ZErrorResponse } },
  },
  404: { description: 'Not found', content: { 'application/json': { schema: ZErrorResponse } } },
} as const;

/** Errors of an action on a record that has a status: the usual ones, and 409 when the status forbids it. */
export const actionErrors = {
  ...errorResponses,
  409: { ...errorResponses[400], description: 'Not possible in the current status' },
} as const;

/** A JSON response for an OpenAPI route. */
export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A required JSON request body for an OpenAPI route. */
export const jsonBody = <T>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const ZRoleGrant = z.object({
  role: z.enum(['reviewer', 'publicity', 'case_handler', 'finance', 'admin']),
  villageIds: z.array(z.number().int()).nullable().openapi({ description: 'null = township-wide' }),
});

export const ZLanguage = z.enum(['zh-CN', 'zh-TW', 'en']);
export const ZPopulationStatus = z.enum(['resident', 'moved_away', 'newcomer']);

/** A CSV export: streamed, a download named by kind and day, never cached. */
export const csvResponse = {
  content: { 'text/csv': { schema: z.string() } },
  description: 'CSV (UTF-8 with BOM), one header row',
};

export function csvHeaders(fileName: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
