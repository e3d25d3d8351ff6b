// Locale files are bundled (imported), never read from disk: the Worker has no filesystem.
import enAdmin from './locales/en/admin.json';
import enApp from './locales/en/app.json';
import enBot from './locales/en/bot.json';
import enCampaigns from './locales/en/campaigns.json';
import enCertificates from './locales/en/certificates.json';
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enFileApp from './locales/en/file-app.json';
import enPublicity from './locales/en/publicity.json';
import enReport from './locales/en/report.json';
import enServiceFile from './locales/en/service-file.json';
import enTipoffDesk from './locales/en/tipoff-desk.json';
import enTipoffs from './locales/en/tipoffs.json';
import zhCNAdmin from './locales/zh-CN/admin.json';
import zhCNApp from './locales/zh-CN/app.json';
import zhCNBot from './locales/zh-CN/bot.json';
import zhCNCampaigns from './locales/zh-CN/campaigns.json';
import zhCNCertificates from './locales/zh-CN/certificates.json';
import zhCNCommon from './locales/zh-CN/common.json';
import zhCNErrors from './locales/zh-CN/errors.json';
import zhCNFileApp from './locales/zh-CN/file-app.json';
import zhCNPublicity from './locales/zh-CN/publicity.json';
import zhCNReport from './locales/zh-CN/report.json';
import zhCNServiceFile from './locales/zh-CN/service-file.json';
import zhCNTipoffDesk from './locales/zh-CN/tipoff-desk.json';
import zhCNTipoffs from './locales/zh-CN/tipoffs.json';
import zhTWAdmin from './locales/zh-TW/admin.json';
import zhTWApp from './locales/zh-TW/app.json';
import zhTWBot from './locales/zh-TW/bot.json';
import zhTWCampaigns from './locales/zh-TW/campaigns.json';
import zhTWCertificates from './locales/zh-TW/certificates.json';
import zhTWCommon from './locales/zh-TW/common.json';
import zhTWErrors from './locales/zh-TW/errors.json';
import zhTWFileApp from './locales/zh-TW/file-app.json';
import zhTWPublicity from './locales/zh-TW/publicity.json';
import zhTWReport from './locales/zh-TW/report.json';
import zhTWServiceFile from './locales/zh-TW/service-file.json';
import zhTWTipoffDesk from './locales/zh-TW/tipoff-desk.json';
import zhTWTipoffs from './locales/zh-TW/tipoffs.json';

// 'publicity' holds the mini app's campaign and guide pages (loaded with those pages only); 'report'
// the reporter's tip-off screens, shared by the mini app and the login-free /report page;
// 'tipoffDesk' the case handler's, finance officer's and admin's tip-off pages; 'fileApp' the mini
// app's service-file (八个一) pages, for the person and the officers.
// 'publicity' holds the mini app's campaign and guide pages, 'admin' the administration pages and the
// bot's invitation texts (each loaded with those pages only).
export const NAMESPACES = [
  'common',
  'errors',
  'bot',
  'app',
  'certificates',
  'campaigns',
  'publicity',
  'fileApp',
  'serviceFile',
  'tipoffDesk',
  'report',
  'tipoffs',
  'admin',
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
    fileApp: zhCNFileApp,
    serviceFile: zhCNServiceFile,
    tipoffDesk: zhCNTipoffDesk,
    report: zhCNReport,
    tipoffs: zhCNTipoffs,
    admin: zhCNAdmin,
  },
  'zh-TW': {
    common: zhTWCommon,
    errors: zhTWErrors,
    bot: zhTWBot,
    app: zhTWApp,
    certificates: zhTWCertificates,
    campaigns: zhTWCampaigns,
    publicity: zhTWPublicity,
    fileApp: zhTWFileApp,
    serviceFile: zhTWServiceFile,
    tipoffDesk: zhTWTipoffDesk,
    report: zhTWReport,
    tipoffs: zhTWTipoffs,
    admin: zhTWAdmin,
  },
  en: {
    common: enCommon,
    errors: enErrors,
    bot: enBot,
    app: enApp,
    certificates: enCertificates,
    campaigns: enCampaigns,
    publicity: enPublicity,
    fileApp: enFileApp,
    serviceFile: enServiceFile,
    tipoffDesk: enTipoffDesk,
    report: enReport,
    tipoffs: enTipoffs,
    admin: enAdmin,
  },
};
