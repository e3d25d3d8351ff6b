// The /report page's HTML. Styles and script are static files (/app/report/…), so the page works under
// a Content-Security-Policy without inline scripts; the script learns the language from a JSON block.
// Without JavaScript the page still says what the channel keeps and where else to report.
import { html, raw } from 'hono/html';
import { LANGUAGE_NAMES, type Language, SUPPORTED_LANGUAGES, type translator } from '../../../core/i18n';

type T = ReturnType<typeof translator>;

const ASSETS = '/app/report';

export function renderReportPage(options: {
  t: T;
  language: Language;
  villages: { id: number; code: string; name: string }[];
  maxUploadMb: number;
}) {
  const { t, language, villages, maxUploadMb } = options;
  // No '</script>' can end the block early.
  const data = JSON.stringify({ language, villages, maxUploadMb }).replace(/</g, '\\u003c');
  return html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light">
<title>${t('web.pageTitle')}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="${ASSETS}/report.css">
<script type="module" src="${ASSETS}/report.js"></script></head>
<body class="report-body"><div class="shell"><main class="page report-frame">
<nav class="report-languages" aria-label="${t('web.languages')}">${SUPPORTED_LANGUAGES.map((l) =>
    l === language
      ? html`<span aria-current="true" lang="${l}">${LANGUAGE_NAMES[l]}</span>`
      : html`<a href="/report?lang=${l}" lang="${l}" hreflang="${l}">${LANGUAGE_NAMES[l]}</a>`,
  )}</nav>
<header class="page-header"><div class="page-heading"><p class="eyebrow">${t('web.eyebrow')}</p><h1 tabindex="-1">${t('title')}</h1></div></header>
<section class="card panel-info report-channel" aria-labelledby="channel-title">
<h2 id="channel-title" class="section-title">${t('web.keepsTitle')}</h2>
<p>${t('web.keeps')}</p>
<h2 class="section-title">${t('web.cannotTitle')}</h2>
<p>${t('web.cannot')}</p>
</section>
<div id="report-app"><noscript><div class="card panel-warning"><p>${t('web.noScript')}</p></div></noscript></div>
</main></div>
<script type="application/json" id="report-data">${raw(data)}</script>
</body></html>`;
}
