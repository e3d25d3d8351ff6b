import { desc } from 'drizzle-orm';
import { serviceAgreementVersions } from '../../db/schema';
import type { Actor } from '../auth/actor';
import { enforce } from '../auth/policy';
import type { CoreDeps } from '../deps';
import { serviceFilePolicy } from './service-file-policy';

/** The current service agreement in every language, for whoever publishes the next version. */
export async function getAgreement(options: { deps: CoreDeps; actor: Actor }) {
  const { deps, actor } = options;
  enforce(serviceFilePolicy.publishAgreement, actor, null as never);
  const [row] = await deps.db
    .select({
      version: serviceAgreementVersions.version,
      texts: serviceAgreementVersions.texts,
      publishedAt: serviceAgreementVersions.publishedAt,
    })
    .from(serviceAgreementVersions)
    .orderBy(desc(serviceAgreementVersions.version))
    .limit(1);
  return { current: row ?? null };
}
