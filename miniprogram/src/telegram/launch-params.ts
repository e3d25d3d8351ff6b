// Telegram's launch parameters (URL hash: tgWebAppData, tgWebAppThemeParams, …), kept in
// sessionStorage because in-app navigation and reloads drop the hash.
import { officialWebApp } from './globals';

export type ThemeParams = Partial<Record<string, string>>;

export interface LaunchUser {
  id: number;
  first_name?: string;
  language_code?: string;
}

export interface LaunchParams {
  /** The signed init data exactly as Telegram sent it (the `tma` credential); null outside Telegram. */
  initData: string | null;
  themeParams: ThemeParams;
  platform: string;
  version: string;
  startParam?: string;
  /** Parsed from initData without verification: only for hints such as the first language. */
  user?: LaunchUser;
}

const STORAGE_KEY = 'tma.launch';

function parseJson<T>(text: string | null | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function fromHash(hash: string): LaunchParams | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('tgWebAppData') && !params.has('tgWebAppPlatform')) return null;
  return {
    initData: params.get('tgWebAppData'),
    themeParams: parseJson<ThemeParams>(params.get('tgWebAppThemeParams')) ?? {},
    platform: params.get('tgWebAppPlatform') ?? 'unknown',
    version: params.get('tgWebAppVersion') ?? '6.0',
    startParam: params.get('tgWebAppStartParam') ?? undefined,
  };
}

function withUser(launch: LaunchParams): LaunchParams {
  const raw = launch.initData ? new URLSearchParams(launch.initData).get('user') : null;
  const user = parseJson<LaunchUser>(raw);
  return typeof user?.id === 'number' ? { ...launch, user } : launch;
}

/**
 * Reads the launch parameters once at start-up: a fresh hash wins over the stored copy. The hash is
 * then removed from the address bar so the credential does not linger in shared links or history.
 */
export function readLaunchParams(): LaunchParams {
  const fresh = fromHash(window.location.hash);
  if (fresh) {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fresh));
    } catch {
      // no storage: this page load still works, a reload would show the launch screen
    }
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    return withUser(fresh);
  }
  let stored: LaunchParams | undefined;
  try {
    stored = parseJson<LaunchParams>(sessionStorage.getItem(STORAGE_KEY));
  } catch {
    stored = undefined;
  }
  if (stored) return withUser(stored);
  // Telegram's own script, if a host page loaded it, has already consumed the hash.
  const webApp = officialWebApp();
  if (webApp?.initData) {
    return withUser({
      initData: webApp.initData,
      themeParams: webApp.themeParams ?? {},
      platform: webApp.platform ?? 'unknown',
      version: webApp.version ?? '6.0',
    });
  }
  return { initData: null, themeParams: {}, platform: 'unknown', version: '6.0' };
}
