import { eq } from 'drizzle-orm';
import { guidePages, type UserLanguage } from '../../db/schema';
import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { inLanguage } from './guide-schema';

/** One page in the reader's language, with every language's text for the editor. */
export async function getGuidePage(options: { deps: CoreDeps; slug: string; language: UserLanguage }) {
  const [row] = await options.deps.db.select().from(guidePages).where(eq(guidePages.slug, options.slug));
  if (!row) throw new AppError('not_found');
  return {
    slug: row.slug,
    sort: row.sort,
    ...inLanguage(row.content, options.language),
    content: row.content,
    updatedAt: row.updatedAt.toISOString(),
  };
}
