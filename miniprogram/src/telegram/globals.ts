// The window objects Telegram clients inject (mobile/desktop webviews) or telegram-web-app.js defines.
import type { ThemeParams } from './launch-params';

export interface TelegramWebviewProxy {
  postEvent(eventType: string, eventData: string): void;
}

/** What telegram-web-app.js exposes; we only read from it when a host page happened to load it. */
export interface OfficialWebApp {
  initData?: string;
  themeParams?: ThemeParams;
  platform?: string;
  version?: string;
}

export interface OfficialWebView {
  postEvent?(eventType: string, callback: unknown, eventData?: unknown): void;
  onEvent?(eventType: string, callback: (eventType: string, eventData: unknown) => void): void;
  receiveEvent?(eventType: string, eventData: unknown): void;
}

interface TelegramWindow {
  TelegramWebviewProxy?: TelegramWebviewProxy;
  Telegram?: { WebApp?: OfficialWebApp; WebView?: OfficialWebView };
}

export function telegramWindow(): TelegramWindow {
  return window as unknown as TelegramWindow;
}

export function officialWebApp(): OfficialWebApp | undefined {
  return telegramWindow().Telegram?.WebApp;
}
