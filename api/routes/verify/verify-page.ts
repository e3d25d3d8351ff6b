// GET /verify/<serial>: the public page a QR code opens — no login. It says valid / expired /
// revoked with masked data only, in the visitor's language; if the URL carries the signed payload
// after '#', the page also asks the API whether that signature is the office's.
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { verifyCertificate } from '../../../core/certificates/verify-certificate';
import { isLanguage, translator } from '../../../core/i18n';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';

const COLORS = { valid: '#15803d', expired: '#b45309', revoked: '#b91c1c', not_found: '#52525b' } as const;

export const verifyPage = new Hono<AppEnv>().get('/verify/:serial{[A-Za-z0-9-]{1,64}}', async (c) => {
  const lang = c.req.query('lang');
  const language = isLanguage(lang) ? lang : requestLanguage(c);
  const t = translator(language, 'certificates');
  const result = await verifyCertificate({
    deps: c.get('services').deps,
    serial: c.req.param('serial'),
    channel: 'page',
  });
  const date = (iso: string | null | undefined) => (iso ? new Date(iso).toISOString().slice(0, 10) : '');
  const found = 'holder' in result ? result : null;
  const rows = !found
    ? ''
    : html`<dl>
  <dt>${t('verify.holder')}</dt><dd>${found.holder.name}</dd>
  <dt>${t('verify.idNumber')}</dt><dd class="mono">${found.holder.idNumber}</dd>
  <dt>${t('verify.sex')}</dt><dd>${t(`sex.${found.holder.sex}`)}</dd>
  <dt>${t('verify.maritalStatus')}</dt><dd>${t(`maritalStatus.${found.maritalStatus}`)}</dd>
  <dt>${t('verify.children')}</dt><dd>${found.childrenCount}</dd>
  <dt>${t('verify.issuer')}</dt><dd>${found.issuer}</dd>
  <dt>${t('verify.issuedAt')}</dt><dd>${date(found.issuedAt.toISOString())}</dd>
  <dt>${t('verify.validUntil')}</dt><dd>${found.validUntil}</dd>
  ${found.revokedAt ? html`<dt>${t('verify.revokedAt')}</dt><dd>${date(found.revokedAt.toISOString())}</dd>` : ''}
</dl>`;
  const messages = JSON.stringify({
    checking: t('verify.signatureChecking'),
    valid: t('verify.signatureValid'),
    invalid: t('verify.signatureInvalid'),
    malformed: t('verify.signatureMalformed'),
    unknown_key: t('verify.signatureUnknownKey'),
    mismatch: t('verify.signatureMismatch'),
  }).replace(/</g, '\\u003c');
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(
    html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${t('verify.title')} ${result.serial}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:16px;background:#f4f4f5;color:#18181b}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px #0002}
h1{font-size:18px;margin:0 0 4px}.serial{color:#52525b;font-size:14px}.status{margin:16px 0;padding:14px 16px;border-radius:10px;
color:#fff;font-weight:600;font-size:20px}.status small{display:block;font-weight:400;font-size:14px;opacity:.95}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}dt{color:#52525b}dd{margin:0}.mono{font-family:ui-monospace,monospace}
#sig{margin-top:16px;padding:10px 12px;border-radius:8px;background:#f4f4f5;font-size:14px}#sig:empty{display:none}
footer{max-width:560px;margin:12px auto;color:#71717a;font-size:13px}</style></head>
<body><main>
<h1>${t('verify.title')}</h1><div class="serial">${t('verify.serial')}：${result.serial}</div>
<div class="status" data-result="${result.result}" style="background:${COLORS[result.result]}">${t(`verify.result.${result.result}`)}
<small>${t(`verify.explain.${result.result}`)}</small></div>
${rows}
<div id="sig" role="status"></div>
</main><footer>${t('verify.privacy')}</footer>
<script>(function(){var m=${raw(messages)};var h=location.hash.slice(1);if(!h)return;var el=document.getElementById('sig');
var p;try{p=decodeURIComponent(h)}catch(e){el.textContent=m.malformed;return}el.textContent=m.checking;
fetch('/api/certificates/verify-payload',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({payload:p})})
.then(function(r){return r.json()}).then(function(r){var s=r.signature;if(s==='valid'&&r.register&&r.register.serial!==${raw(JSON.stringify(result.serial))})s='mismatch';
el.textContent=m[s]||m.invalid;el.dataset.signature=s}).catch(function(){el.textContent=''})})();</script>
</body></html>`,
    result.result === 'not_found' ? 404 : 200,
  );
});
