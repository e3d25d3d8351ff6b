// GET /report: the login-free tip-off page (有奖举报, web channel) for people who want more than the
// Telegram channel's confidentiality. The Worker renders the frame — what this channel keeps and what
// it cannot protect, in the visitor's language — and a script (/app/report/report.js, built with the
// mini app) runs the form, the receipt and the follow-up against /api/public/tips/… No Telegram
// script, no third-party anything, no cookies; nothing about the visitor is logged or kept here.
import { Hono } from 'hono';
import { isLanguage, translator } from '../../../core/i18n';
import { listVillages } from '../../../core/villages/list-villages';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';
import { renderReportPage } from './report-page-html';

export const reportPage = new Hono<AppEnv>().get('/report', async (c) => {
  const lang = c.req.query('lang');
  const language = isLanguage(lang) ? lang : requestLanguage(c);
  const { deps, config } = c.get('services');
  // The village picker is a convenience: without the database the place is written instead.
  const villages = await listVillages({ deps }).catch(() => []);
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  // The page's words depend on Accept-Language: a shared cache must not hand one visitor's to another.
  c.header('Vary', 'Accept-Language');
  return c.html(
    renderReportPage({
      t: translator(language, 'report'),
      language,
      villages: villages.map((v) => ({ id: v.id, code: v.code, name: v.name })),
      maxUploadMb: config.MAX_UPLOAD_MB,
    }),
  );
});
