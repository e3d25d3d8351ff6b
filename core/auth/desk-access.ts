// What a desk session (an officer signed in from a browser, outside Telegram) may call: officers' work,
// never residents' own records. An operation is open to a desk session when no resident kind of caller
// may call it (the access table says so: new officer-only routes are covered without an edit here),
// or when it is one of the few shared reads an officer's screens need, listed below. Everything else
// (one's own applications, subscriptions, residents' campaign pages) answers desk_not_allowed.
import { ACCESS_TABLE, type AccessRole } from './access-table';

const RESIDENT_KINDS: readonly AccessRole[] = ['anonymous', 'applicant', 'resident', 'migrantElsewhere'];

/** Shared by residents and officers, and needed on officers' screens. */
const SHARED_FOR_OFFICERS = new Set([
  'GET /api/me',
  /** The language switch. */
  'PATCH /api/me',
  'GET /api/villages',
  'GET /api/users/{userId}',
  'GET /api/guide',
  'GET /api/guide/{slug}',
  /** A reviewer's view of an application's documents and certificate (the policy's officer branch). */
  'GET /api/certificates/applications/{applicationId}/documents/{documentId}',
  'GET /api/certificates/{serial}/pdf',
  'GET /api/desk/session',
  'POST /api/desk/sign-out',
]);

/** `operation` as in the OpenAPI document: `METHOD /api/path/{param}`. */
export function deskMayCall(operation: string): boolean {
  if (SHARED_FOR_OFFICERS.has(operation)) return true;
  const row = ACCESS_TABLE[operation];
  return !!row && row.allow.length > 0 && !row.allow.some((r) => RESIDENT_KINDS.includes(r));
}
