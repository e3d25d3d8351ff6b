// GET /verify/<serial>?c=<check code>: the public page a certificate's QR code opens — no login. With
// the check code it shows the register's answer (valid / expired / revoked) with masked data; without
// one it asks for the code, since a serial alone must reveal nothing. The signed payload after '#'
// never reaches the server: the page's script (/app/verify/verify.js) checks it in the browser.
import { Hono } from 'hono';
import { normalizeCheckCode } from '../../../core/certificates/check-code';
import { verifyCertificate } from '../../../core/certificates/verify-certificate';
import { isLanguage, translator } from '../../../core/i18n';
import type { AppEnv } from '../../context';
import { requestLanguage } from '../../errors';
import { renderVerifyPage } from './verify-page-html';

export const verifyPage = new Hono<AppEnv>().get('/verify/:serial{[A-Za-z0-9-]{1,64}}', async (c) => {
  const lang = c.req.query('lang');
  const language = isLanguage(lang) ? lang : requestLanguage(c);
  const serial = c.req.param('serial').toUpperCase();
  const typed = c.req.query('c');
  // No code at all: nothing to look up (and nothing counted); the page asks for it.
  const register =
    typed === undefined || typed.trim() === ''
      ? null
      : await verifyCertificate({
          deps: c.get('services').deps,
          serial,
          code: normalizeCheckCode(typed),
          channel: 'page',
        });
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(
    renderVerifyPage({ t: translator(language, 'certificates'), language, serial, register }),
    register?.result === 'not_found' ? 404 : 200,
  );
});
