// Entry point: reads Telegram's launch data, applies the theme, loads the texts of one language,
// starts GET /api/me in parallel and renders the app.
import { render } from 'preact';
import { DEFAULT_LANGUAGE } from '../../core/i18n/languages';
import { App } from './app';
import { configureApi } from './lib/api/client';
import { getDeskSession, getMe } from './lib/api/endpoints';
import { reportCampaignOpen } from './lib/campaign-click';
import { initialLanguage, loadI18n } from './lib/i18n';
import { initHistory } from './lib/router';
import './styles.css';
import { detectTelegram, installBridge, postEvent } from './telegram/bridge';
import { readLaunchParams } from './telegram/launch-params';
import { startTheme } from './telegram/theme';

async function start(): Promise<void> {
  const launch = readLaunchParams();
  initHistory();
  const inTelegram = detectTelegram(launch.initData);
  if (inTelegram) installBridge();
  startTheme(launch.themeParams, inTelegram);

  const language = initialLanguage(launch.user?.id, launch.user?.language_code);
  configureApi({ initData: launch.initData, language });
  // Outside Telegram: an officer signed in at a desk (the bot's one-time link) has a session cookie.
  const deskState = launch.initData ? 'none' : await openDeskSession();
  const desk = deskState === 'open';
  const firstProfile = launch.initData || desk ? getMe() : undefined;
  // Handled by the shell; this only keeps an early failure from being reported as unhandled.
  firstProfile?.catch(() => {});
  if (launch.initData) reportCampaignOpen();
  // One retry in the default language: without texts there is nothing sensible to show.
  const i18n = await loadI18n(language).catch(() => loadI18n(DEFAULT_LANGUAGE));

  render(
    <App
      launch={launch}
      inTelegram={inTelegram}
      desk={desk}
      deskEnded={deskState === 'ended'}
      i18n={i18n}
      firstProfile={firstProfile}
    />,
    document.getElementById('app')!,
  );
  if (inTelegram) {
    postEvent('web_app_ready');
    postEvent('web_app_expand');
  }
}

/** Remembered per tab (no personal data): this browser tab was signed in at a desk. */
const DESK_FLAG = 'desk-signed-in';

/**
 * 'open': signed in at a desk; 'ended': this tab was, and its session is gone (signed out, expired;
 * the cookie may already be dropped, so the server cannot tell); 'none': a plain browser.
 */
async function openDeskSession(): Promise<'open' | 'ended' | 'none'> {
  const wasDesk = readDeskFlag();
  try {
    const { csrfToken } = await getDeskSession();
    configureApi({ deskCsrf: csrfToken });
    writeDeskFlag();
    return 'open';
  } catch {
    return wasDesk ? 'ended' : 'none';
  }
}

function readDeskFlag(): boolean {
  try {
    return sessionStorage.getItem(DESK_FLAG) === '1';
  } catch {
    return false;
  }
}

function writeDeskFlag(): void {
  try {
    sessionStorage.setItem(DESK_FLAG, '1');
  } catch {
    // Storage refused (private mode): a later reload shows the generic page, nothing worse.
  }
}

void start();
