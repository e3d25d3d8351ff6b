// The reporter's throttling note reads the wait at a glance: seconds under a minute, then "about N
// minutes" (never "3542 seconds"), with English plural forms, in all three languages.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../core/i18n/languages';
import { resources } from '../../../core/i18n/resources';
import { createTranslator, loadNamespace } from '../../../miniprogram/src/lib/i18n';
import { throttledText } from '../../../miniprogram/src/pages/tipoffs/tip-errors';

const t = (lng: Language) =>
  createTranslator(lng, { app: resources[lng].app, common: resources[lng].common });

beforeAll(async () => {
  for (const lng of ['zh-CN', 'zh-TW', 'en'] as const) await loadNamespace(lng, 'report');
});

describe('the throttled note', () => {
  it('says minutes once the wait is a minute or more, seconds below', () => {
    expect(throttledText(3542, t('zh-CN'))).toContain('请约 59 分钟后再试');
    expect(throttledText(3542, t('zh-TW'))).toContain('請約 59 分鐘後再試');
    expect(throttledText(42, t('zh-CN'))).toContain('请等 42 秒再试');
    expect(throttledText(60, t('zh-CN'))).toContain('约 1 分钟后');
  });

  it('uses English plural forms for both units', () => {
    expect(throttledText(3542, t('en'))).toContain('in about 59 minutes.');
    expect(throttledText(70, t('en'))).toContain('in about 1 minute.');
    expect(throttledText(1, t('en'))).toContain('wait 1 second and');
    expect(throttledText(30, t('en'))).toContain('wait 30 seconds and');
  });
});
