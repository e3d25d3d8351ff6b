import { asc } from 'drizzle-orm';
import { guidePages, type UserLanguage } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { inLanguage } from './guide-schema';
import { matchGuidePage } from './match-guide-page';

/**
 * A free-text message answered from the service guide: the page (in the reader's language) that the
 * question is about, or null. The question is only compared in memory — never stored or logged.
 */
export async function answerFromGuide(options: { deps: CoreDeps; language: UserLanguage; question: string }) {
  const rows = await options.deps.db
    .select({ slug: guidePages.slug, content: guidePages.content })
    .from(guidePages)
    .orderBy(asc(guidePages.sort), asc(guidePages.slug));
  const pages = rows.map((r) => {
    const { title, body } = inLanguage(r.content, options.language);
    return { slug: r.slug, title, body };
  });
  return matchGuidePage(options.question, pages);
}
