import { asc } from 'drizzle-orm';
import { guidePages, type UserLanguage } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { inLanguage } from './guide-schema';

/** Titles in the reader's language (zh-CN where a page has none), in the office's order. */
export async function listGuidePages(options: { deps: CoreDeps; language: UserLanguage }) {
  const rows = await options.deps.db
    .select()
    .from(guidePages)
    .orderBy(asc(guidePages.sort), asc(guidePages.slug));
  return {
    pages: rows.map((r) => {
      const t = inLanguage(r.content, options.language);
      return { slug: r.slug, title: t.title, language: t.language, updatedAt: r.updatedAt.toISOString() };
    }),
  };
}
