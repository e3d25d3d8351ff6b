// The mini app's own translator (a small i18next subset) picks the plural form of the reader's
// language: "1 application", "0 applications" — never "application(s)".
import { describe, expect, it } from 'vitest';
import { resources } from '../../../core/i18n/resources';
import { createTranslator } from '../../../miniprogram/src/lib/i18n';

describe('mini app plurals', () => {
  it('says "1 application" and "0 applications" in English, one form in Chinese', () => {
    const en = createTranslator('en', { app: resources.en.app, common: resources.en.common });
    expect(en('review.queue.total', { count: 1 })).toBe('1 application');
    expect(en('review.queue.total', { count: 0 })).toBe('0 applications');
    expect(en('certForm.problems.title', { count: 2 })).toBe('2 items to fix before submitting');
    const zh = createTranslator('zh-CN', { app: resources['zh-CN'].app, common: resources['zh-CN'].common });
    expect(zh('review.queue.total', { count: 1 })).toBe('共 1 件');
  });

  it('says "more than 1000" when the queue stopped counting at its cap', () => {
    const en = createTranslator('en', { app: resources.en.app, common: resources.en.common });
    expect(en('review.queue.totalAtLeast', { count: 1000 })).toBe('More than 1000 applications');
    const tw = createTranslator('zh-TW', { app: resources['zh-TW'].app, common: resources['zh-TW'].common });
    expect(tw('review.queue.totalAtLeast', { count: 1000 })).toBe('超過 1000 件');
  });
});
