// Free-text questions matched to the service guide's pages (the seeded 公开栏), in each language.
import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../../core/guide/guide-schema';
import { matchGuidePage } from '../../../core/guide/match-guide-page';
import type { Language } from '../../../core/i18n';
import { GUIDE_PAGES } from '../../../db/seed';

const pagesIn = (language: Language) =>
  GUIDE_PAGES.map((p) => ({ slug: p.slug, ...inLanguage(p.content, language) }));
const match = (question: string, language: Language = 'zh-CN') =>
  matchGuidePage(question, pagesIn(language))?.slug ?? null;

describe('matching a question to the service guide', () => {
  it('finds the certificate page for questions about the certificate', () => {
    expect(match('婚育证明要多久才能办好？')).toBe('migrant-certificate');
    expect(match('婚育證明需要什麼材料', 'zh-TW')).toBe('migrant-certificate');
    expect(match('How long does the certificate take?', 'en')).toBe('migrant-certificate');
  });

  it('finds the check-up and the eight-ones pages by their own words', () => {
    expect(match('孕前检查在哪里做')).toBe('pre-pregnancy-checkup');
    expect(match('八个一是什么')).toBe('eight-ones');
    expect(match('Is the pre-pregnancy check-up free?', 'en')).toBe('pre-pregnancy-checkup');
  });

  it('answers nothing rather than something wrong for greetings, chatter and empty text', () => {
    for (const q of ['你好', '在吗？', '今天天气怎么样', '随便说点什么', '', '???', 'hello', 'thanks a lot'])
      expect(match(q), q).toBeNull();
  });

  it('reads only the start of a very long message', () => {
    expect(match(`${'啊'.repeat(5_000)}婚育证明`)).toBeNull();
  });
});
