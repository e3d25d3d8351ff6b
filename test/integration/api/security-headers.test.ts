// Security headers on what the Worker answers: the mini app's HTML shell, the public verification
// page, JSON (successes and errors). Downloads are checked where they are served (certificates,
// campaigns tests); the same headers through wrangler dev are checked by the browser suite.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../harness/app';

const t = await createTestApp();
const APP_HTML =
  '<!doctype html><html><head><script type="module" src="/app/assets/i.js"></script></head></html>';
/** The ASSETS binding as Workers Static Assets answers: the app shell at /app/. */
const assets = {
  fetch: async (request: Request) =>
    new URL(request.url).pathname === '/app/'
      ? new Response(APP_HTML, { headers: { 'content-type': 'text/html; charset=utf-8' } })
      : new Response('not found', { status: 404 }),
};

function directives(res: Response): Map<string, string> {
  const csp = res.headers.get('Content-Security-Policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values.join(' ')]),
  );
}

describe('security headers', () => {
  it('serves the mini app shell with a CSP of its own scripts only, framed only by Telegram Web', async () => {
    for (const path of ['/app/', '/app/certificates/applications/x']) {
      const res = await t.app.request(path, {}, { ...t.env, ASSETS: assets });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(APP_HTML);
      const csp = directives(res);
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'self' https://web.telegram.org https://*.web.telegram.org");
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      // X-Frame-Options cannot name Telegram's origin; frame-ancestors decides.
      expect(res.headers.get('X-Frame-Options')).toBeNull();
    }
  });

  it('gives the verification page a CSP without inline scripts, never framed', async () => {
    const res = await t.call('GET', '/verify/NOPE-2026-000000');
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const csp = directives(res);
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(res.headers.get('X-Frame-Options')).toBe('DENY');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('sends nosniff with JSON answers and errors alike', async () => {
    for (const res of [
      await t.call('GET', '/api/config'),
      await t.call('GET', '/api/me'), // 401
      await t.call('GET', '/api/no-such-route'), // 404
    ]) {
      expect(res.headers.get('Content-Type')).toContain('application/json');
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    }
  });
});
