// Locale files are bundled (imported), never read from disk: the Worker has no filesystem.
import enApp from './locales/en/app.json';
import enBot from './locales/en/bot.json';
import enCampaigns from './locales/en/campaigns.json';
import enCertificates from './locales/en/certificates.json';
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enPublicity from './locales/en/publicity.json';
import enTipoffs from './locales/en/tipoffs.json';
import zhCNApp from './locales/zh-CN/app.json';
import zhCNBot from './locales/zh-CN/bot.json';
import zhCNCampaigns from './locales/zh-CN/campaigns.json';
import zhCNCertificates from './locales/zh-CN/certificates.json';
import zhCNCommon from './locales/zh-CN/common.json';
import zhCNErrors from './locales/zh-CN/errors.json';
import zhCNPublicity from './locales/zh-CN/publicity.json';
import zhCNTipoffs from './locales/zh-CN/tipoffs.json';
import zhTWApp from './locales/zh-TW/app.json';
import zhTWBot from './locales/zh-TW/bot.json';
import zhTWCampaigns from './locales/zh-TW/campaigns.json';
import zhTWCertificates from './locales/zh-TW/certificates.json';
import zhTWCommon from './locales/zh-TW/common.json';
import zhTWErrors from './locales/zh-TW/errors.json';
import zhTWPublicity from './locales/zh-TW/publicity.json';
import zhTWTipoffs from './locales/zh-TW/tipoffs.json';

// 'publicity' holds the mini app's campaign and guide pages (loaded with those pages only).
export const NAMESPACES = [
  'common',
  'errors',
  'bot',
  'app',
  'certificates',
  'campaigns',
  'publicity',
  'tipoffs',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const resources = {
  'zh-CN': {
    common: zhCNCommon,
    errors: zhCNErrors,
    bot: zhCNBot,
    app: zhCNApp,
    certificates: zhCNCertificates,
    campaigns: zhCNCampaigns,
    publicity: zhCNPublicity,
    tipoffs: zhCNTipoffs,
  },
  'zh-TW': {
    common: zhTWCommon,
    errors: zhTWErrors,
    bot: zhTWBot,
    app: zhTWApp,
    certificates: zhTWCertificates,
    campaigns: zhTWCampaigns,
    publicity: zhTWPublicity,
    tipoffs: zhTWTipoffs,
  },
  en: {
    common: enCommon,
    errors: enErrors,
    bot: enBot,
    app: enApp,
    certificates: enCertificates,
    campaigns: enCampaigns,
    publicity: enPublicity,
    tipoffs: enTipoffs,
  },
};
