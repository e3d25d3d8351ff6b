// The verification page's HTML. Styles and script are static files (/app/verify/…), so the page
// works under a Content-Security-Policy without inline scripts; what the script needs (the texts in
// the visitor's language, the serial, the register's answer) travels in a JSON data block.
import { html, raw } from 'hono/html';
import type { RegisterAnswer } from '../../../core/certificates/verify-certificate';
import type { Language, translator } from '../../../core/i18n';

type T = ReturnType<typeof translator>;

const ASSETS = '/app/verify';
const MARITAL = ['unmarried', 'first_marriage', 'remarried', 'divorced', 'widowed'] as const;
const SCRIPT_TEXTS = [
  'result.valid',
  'result.expired',
  'result.revoked',
  'result.not_genuine',
  'result.revocation_unknown',
  'result.checking',
  'result.unchecked',
  'explain.expired',
  'explain.revoked',
  'qr.valid',
  'qr.format',
  'qr.unknown_key',
  'qr.bad_signature',
  'qr.serial_mismatch',
  'qr.revocation_unknown',
  'qr.byRegister',
  'qr.byList',
  'qr.fieldsTitle',
  'qr.noWebCrypto',
  'qr.askServer',
  'qr.askServerNote',
  'qr.serverFailed',
  'qr.keysUnavailable',
  'holder',
  'idNumber',
  'sex',
  'maritalStatus',
  'children',
  'issuedAt',
  'validUntil',
] as const;

export function renderVerifyPage(options: {
  t: T;
  language: Language;
  serial: string;
  register: RegisterAnswer | null;
}) {
  const { t, serial, register } = options;
  const state = register?.result ?? 'code_needed';
  const found = register && 'holder' in register ? register : null;
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const data = JSON.stringify({
    serial,
    register: register?.result ?? null,
    texts: Object.fromEntries(SCRIPT_TEXTS.map((k) => [k, t(`verify.${k}`)])),
    sexes: { male: t('sex.male'), female: t('sex.female') },
    marital: Object.fromEntries(MARITAL.map((m) => [m, t(`maritalStatus.${m}`)])),
  }).replace(/</g, '\\u003c'); // no '</script>' can end the block early
  return html`<!doctype html>
<html lang="${options.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${t('verify.title')} ${serial}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="${ASSETS}/verify.css">
<noscript><link rel="stylesheet" href="${ASSETS}/verify-nojs.css"></noscript>
<script src="${ASSETS}/verify-boot.js"></script><script type="module" src="${ASSETS}/verify.js"></script></head>
<body data-register="${state}"><main>
<h1>${t('verify.title')}</h1><div class="serial">${t('verify.serial')} <span class="mono">${serial}</span></div>
<div class="status" id="verdict" role="status" aria-live="polite"><span class="verdict-title">${t(`verify.result.${state}`)}</span>
<small class="verdict-text">${t(`verify.explain.${state}`)}</small></div>
<noscript><p class="note" id="no-script">${t('verify.qr.noScript')}</p></noscript>
<div id="qr" hidden></div>
${
  found
    ? html`<dl id="register">
  <dt>${t('verify.holder')}</dt><dd>${found.holder.name}</dd>
  <dt>${t('verify.idNumber')}</dt><dd class="mono">${found.holder.idNumber}</dd>
  <dt>${t('verify.sex')}</dt><dd>${t(`sex.${found.holder.sex}`)}</dd>
  <dt>${t('verify.maritalStatus')}</dt><dd>${t(`maritalStatus.${found.maritalStatus}`)}</dd>
  <dt>${t('verify.children')}</dt><dd>${found.childrenCount}</dd>
  <dt>${t('verify.issuer')}</dt><dd>${found.issuer}</dd>
  <dt>${t('verify.issuedAt')}</dt><dd>${day(found.issuedAt)}</dd>
  <dt>${t('verify.validUntil')}</dt><dd>${found.validUntil}</dd>
  ${found.revokedAt ? html`<dt>${t('verify.revokedAt')}</dt><dd>${day(found.revokedAt)}</dd>` : ''}
</dl>`
    : ''
}
${
  state === 'code_needed' || state === 'not_found'
    ? html`<form id="code-form" method="get" action="/verify/${serial}"><label for="c">${t('verify.checkCode')}</label>
<div class="code-row"><input id="c" name="c" required maxlength="12" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX">
<button type="submit">${t('verify.checkButton')}</button></div></form>`
    : ''
}
</main><footer>${t('verify.privacy')}</footer>
<script type="application/json" id="verify-data">${raw(data)}</script>
</body></html>`;
}
