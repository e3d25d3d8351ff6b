// The reviewing officer finds a person's service file — also one with nothing in the queue — by part of
// the name or by the last digits of an ID number (from the person's certificate applications) or of the
// contact phone. Only files of the officer's villages (serviceFilePolicy.view, as the person-file read);
// at most PERSON_SEARCH_LIMIT people. A search reveals who has a file, so each one is audited — the
// kind and the count, never the term.
import { and, asc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { certificateApplications, serviceFiles, serviceItems, users, villages } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { Actor } from '../auth/actor';
import { ruleScope } from '../auth/policy';
import { APPLICANT_ID_SQL } from '../certificates/list-review-queue';
import type { CoreDeps } from '../deps';
import { isMet, isOverdue } from './item-rules';
import { serviceFilePolicy } from './service-file-policy';
import { today } from './service-file-records';
import {
  classifyPersonSearch,
  type FoundPerson,
  PERSON_SEARCH_LIMIT,
  PERSON_TAIL_MIN,
  type PersonSearchTerm,
  type TPersonSearch,
} from './service-file-schema';

const f = serviceFiles;
/** Exactly the expression of `users_display_name_lower_idx`. */
const NAME_SQL = sql`lower(${users.displayName})`;
/** Exactly the expression of `service_files_phone_tail_idx`. */
const PHONE_TAIL_SQL = sql`right(${f.contactPhone}, ${sql.raw(String(PERSON_TAIL_MIN))})`;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Users whose ID number (any non-draft application) or contact phone ends with the tail. */
function tailUserIds(tail: string) {
  const short = tail.slice(-PERSON_TAIL_MIN);
  const a = certificateApplications;
  // The indexed 4-character expression first, then the longer tail on those few rows.
  const byId = [
    sql`right(${APPLICANT_ID_SQL}, ${sql.raw(String(PERSON_TAIL_MIN))}) = ${short}`,
    ne(a.status, 'draft'),
  ];
  if (tail.length > PERSON_TAIL_MIN) byId.push(sql`right(${APPLICANT_ID_SQL}, ${tail.length}) = ${tail}`);
  const ids = sql`select ${a.applicantUserId} from ${a} where ${and(...byId)}`;
  // A phone has digits only: a tail ending in X is an ID number.
  if (!/^\d+$/.test(tail)) return ids;
  const byPhone = [sql`${PHONE_TAIL_SQL} = ${short}`];
  if (tail.length > PERSON_TAIL_MIN) byPhone.push(sql`right(${f.contactPhone}, ${tail.length}) = ${tail}`);
  return sql`${ids} union select ${f.userId} from ${f} where ${and(...byPhone)}`;
}

async function findFiles(deps: CoreDeps, scopeWhere: SQL[], match: SQL, limit: number) {
  return deps.db
    .select({
      fileId: f.id,
      userId: f.userId,
      displayName: users.displayName,
      villageId: f.villageId,
      villageName: villages.name,
      status: f.status,
    })
    .from(users)
    .innerJoin(f, eq(f.userId, users.id))
    .leftJoin(villages, eq(villages.id, f.villageId))
    .where(and(...scopeWhere, match))
    .orderBy(asc(NAME_SQL), asc(users.id))
    .limit(limit);
}

/** Matching files of the officer's villages: name prefixes first (indexed), then names containing the term. */
async function matchingFiles(deps: CoreDeps, actor: Actor, term: PersonSearchTerm) {
  const scope = ruleScope(serviceFilePolicy.view, actor);
  const scopeWhere: SQL[] = [];
  if (scope !== null) scopeWhere.push(scope.length ? inArray(f.villageId, scope) : sql`false`);
  const wanted = PERSON_SEARCH_LIMIT + 1;
  if (term.kind === 'tail')
    return findFiles(deps, scopeWhere, sql`${f.userId} in (${tailUserIds(term.value)})`, wanted);
  const q = likeEscape(term.value.toLowerCase());
  const prefix = sql`${NAME_SQL} like ${`${q}%`}`;
  const first = await findFiles(deps, scopeWhere, prefix, wanted);
  if (first.length >= wanted) return first;
  const rest = await findFiles(
    deps,
    scopeWhere,
    sql`${NAME_SQL} like ${`%${q}%`} and not (${prefix})`,
    wanted - first.length,
  );
  return [...first, ...rest];
}

/** Up to PERSON_SEARCH_LIMIT files of the officer's villages; `more` when there are others (refine the term). */
export async function searchServiceFiles(options: { deps: CoreDeps; actor: Actor; input: TPersonSearch }) {
  const { deps, actor, input } = options;
  const term = classifyPersonSearch(input.q);
  const rows = await matchingFiles(deps, actor, term);
  const found = rows.slice(0, PERSON_SEARCH_LIMIT);
  const items = found.length
    ? await deps.db
        .select({ fileId: serviceItems.fileId, status: serviceItems.status, dueOn: serviceItems.dueOn })
        .from(serviceItems)
        .where(
          inArray(
            serviceItems.fileId,
            found.map((r) => r.fileId),
          ),
        )
    : [];
  const day = today(deps);
  const people: FoundPerson[] = found.map((r) => {
    const own = items.filter((i) => i.fileId === r.fileId);
    return {
      userId: r.userId,
      displayName: r.displayName,
      villageId: r.villageId,
      villageName: r.villageName,
      status: r.status,
      met: own.filter((i) => isMet(i, day)).length,
      items: own.length,
      overdue: own.filter((i) => isOverdue(i, day)).length,
    };
  });
  const more = rows.length > PERSON_SEARCH_LIMIT;
  await recordAudit({
    deps,
    entry: {
      actorUserId: actor.userId,
      action: 'service_file.search',
      recordType: 'service_file',
      recordId: '*',
      details: { kind: term.kind, found: people.length, more },
    },
  });
  return { kind: term.kind, more, people };
}
