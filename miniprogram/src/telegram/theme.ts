// Telegram's theme as CSS variables (--tg-theme-bg-color, …); styles.css falls back to light
// defaults when a variable is missing, i.e. outside Telegram.
import { onEvent, postEvent } from './bridge';
import type { ThemeParams } from './launch-params';

let current: ThemeParams = {};

const HEX = /^#[0-9a-f]{3,8}$/i;

export function applyTheme(params: ThemeParams): void {
  current = { ...current, ...params };
  const style = document.documentElement.style;
  for (const [key, value] of Object.entries(params)) {
    // Only colours: the params come from the URL and must not inject arbitrary CSS.
    if (typeof value === 'string' && HEX.test(value))
      style.setProperty(`--tg-theme-${key.replace(/_/g, '-')}`, value);
  }
  // Native controls (select menus, scrollbars) must match a dark Telegram theme too.
  const bg = themeColor('bg_color');
  if (bg) style.colorScheme = isDark(bg) ? 'dark' : 'light';
}

function isDark(hex: string): boolean {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, '$&$&') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128;
}

export function themeColor(key: string): string | undefined {
  const value = current[key];
  return value && HEX.test(value) ? value : undefined;
}

/** Applies the launch theme, follows theme changes and matches Telegram's header to the page. */
export function startTheme(params: ThemeParams, inTelegram: boolean): void {
  applyTheme(params);
  if (!inTelegram) return;
  const matchChrome = () => {
    postEvent('web_app_set_header_color', { color_key: 'secondary_bg_color' });
    const background = themeColor('secondary_bg_color');
    if (background) postEvent('web_app_set_background_color', { color: background });
  };
  onEvent('theme_changed', (data) => {
    applyTheme(data?.theme_params ?? {});
    matchChrome();
  });
  postEvent('web_app_request_theme');
  matchChrome();
}
