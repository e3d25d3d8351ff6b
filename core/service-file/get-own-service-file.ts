import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  healthConsents,
  livelihoodRequests,
  serviceAgreementVersions,
  serviceSubmissions,
  users,
} from '../../db/schema';
import type { Actor } from '../auth/actor';
import type { CoreDeps } from '../deps';
import {
  fileView,
  findFileOf,
  linkCertificateItem,
  loadFileItems,
  openFile,
  today,
} from './service-file-records';
import { HEALTH_CONSENT_VERSION } from './service-file-schema';

/**
 * The person's own file (eight cards), with the health consent state, the current service agreement
 * in their language and their livelihood requests. A person whose status is `moved_away` always has
 * a file: opened here on their first look if the cron has not opened it yet. The certificate item is re-linked on every read (status is
 * server-side and immediate).
 */
export async function getOwnServiceFile(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  const [user] = await deps.db
    .select({ populationStatus: users.populationStatus, language: users.language })
    .from(users)
    .where(eq(users.id, actor.userId));
  // Every person recorded as moved away has a file: the cron opens the missing ones in bulk
  // (open-missing-files.ts), and a person's own first look does not wait up to 15 minutes for it.
  let file = await findFileOf(deps.db, actor.userId);
  if (!file && user?.populationStatus === 'moved_away')
    file = await deps.db.transaction((tx) => openFile(tx, deps, actor.userId));
  if (file?.status === 'active') await linkCertificateItem(deps.db, deps, actor.userId);
  const day = today(deps);
  const items = file ? await loadFileItems(deps.db, file) : [];
  const [consent] = await deps.db
    .select({ version: healthConsents.version, givenAt: healthConsents.givenAt })
    .from(healthConsents)
    .where(and(eq(healthConsents.userId, actor.userId), isNull(healthConsents.withdrawnAt)));
  const [agreement] = await deps.db
    .select()
    .from(serviceAgreementVersions)
    .orderBy(desc(serviceAgreementVersions.version))
    .limit(1);
  const agreementItem = items.find((i) => i.kind === 'service_agreement');
  const receipts = file
    ? await deps.db
        .select({
          itemId: serviceSubmissions.itemId,
          submissionId: serviceSubmissions.id,
          receipt: serviceSubmissions.receipt,
          decidedAt: serviceSubmissions.decidedAt,
        })
        .from(serviceSubmissions)
        .where(and(eq(serviceSubmissions.userId, actor.userId), eq(serviceSubmissions.status, 'verified')))
        .orderBy(desc(serviceSubmissions.decidedAt))
    : [];
  const livelihood = await deps.db
    .select({
      id: livelihoodRequests.id,
      topic: livelihoodRequests.topic,
      question: livelihoodRequests.question,
      status: livelihoodRequests.status,
      answer: livelihoodRequests.answer,
      answeredAt: livelihoodRequests.answeredAt,
      createdAt: livelihoodRequests.createdAt,
    })
    .from(livelihoodRequests)
    .where(eq(livelihoodRequests.userId, actor.userId))
    .orderBy(desc(livelihoodRequests.createdAt))
    .limit(50);
  const view = file ? fileView(actor, file, items, day) : null;
  return {
    populationStatus: user?.populationStatus ?? 'resident',
    file: view && {
      ...view,
      items: view.items.map((i) => {
        const r = receipts.find((x) => x.itemId === i.id);
        return { ...i, receipt: i.status === 'verified' && r?.receipt ? r.receipt : null };
      }),
    },
    consent: {
      currentVersion: HEALTH_CONSENT_VERSION,
      given: consent ? { version: consent.version, givenAt: consent.givenAt } : null,
    },
    agreement: agreement
      ? {
          version: agreement.version,
          text: agreement.texts[user?.language ?? 'zh-CN'] ?? agreement.texts['zh-CN'] ?? '',
          acknowledgedVersion:
            agreementItem?.metRef && /^\d+$/.test(agreementItem.metRef) ? Number(agreementItem.metRef) : null,
        }
      : null,
    livelihood,
  };
}
