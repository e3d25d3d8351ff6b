// A minimal Telegram Mini App bridge (no telegram-web-app.js): sends web_app_* events to the client
// and dispatches the events it sends back. Protocol: https://core.telegram.org/api/web-events
import { telegramWindow } from './globals';

/** Events we send, with their payloads. */
export interface OutgoingEvents {
  web_app_ready: undefined;
  web_app_expand: undefined;
  web_app_request_theme: undefined;
  web_app_setup_back_button: { is_visible: boolean };
  web_app_setup_main_button: {
    is_visible: boolean;
    is_active?: boolean;
    is_progress_visible?: boolean;
    text?: string;
    color?: string;
    text_color?: string;
  };
  web_app_set_header_color: { color_key: 'bg_color' | 'secondary_bg_color' } | { color: string };
  web_app_set_background_color: { color: string };
  /** Telegram's QR scanner (clients since Bot API 6.4); `text` is shown above the camera view. */
  web_app_open_scan_qr_popup: { text?: string };
  web_app_close_scan_qr_popup: undefined;
  /** Opens a page in the person's browser, outside Telegram. */
  web_app_open_link: { url: string };
  /** SecureStorage (Keychain/Keystore, clients since Bot API 9.0): a null value removes the key. */
  web_app_secure_storage_save_key: { req_id: string; key: string; value: string | null };
  web_app_secure_storage_get_key: { req_id: string; key: string };
  /** DeviceStorage (the app's local storage on this device, Bot API 9.0). */
  web_app_device_storage_save_key: { req_id: string; key: string; value: string | null };
  web_app_device_storage_get_key: { req_id: string; key: string };
}

/** Events we handle, with their payloads. */
export interface IncomingEvents {
  back_button_pressed: undefined;
  main_button_pressed: undefined;
  theme_changed: { theme_params: Record<string, string> };
  /** A QR code the scanner read; the popup stays open until web_app_close_scan_qr_popup. */
  qr_text_received: { data?: string };
  scan_qr_popup_closed: undefined;
  secure_storage_key_saved: { req_id?: string };
  secure_storage_key_received: { req_id?: string; value?: string | null; can_restore?: boolean };
  secure_storage_failed: { req_id?: string; error?: string };
  device_storage_key_saved: { req_id?: string };
  device_storage_key_received: { req_id?: string; value?: string | null };
  device_storage_failed: { req_id?: string; error?: string };
}

const INCOMING: readonly (keyof IncomingEvents)[] = [
  'back_button_pressed',
  'main_button_pressed',
  'theme_changed',
  'qr_text_received',
  'scan_qr_popup_closed',
  'secure_storage_key_saved',
  'secure_storage_key_received',
  'secure_storage_failed',
  'device_storage_key_saved',
  'device_storage_key_received',
  'device_storage_failed',
];

type Listener<K extends keyof IncomingEvents> = (data: IncomingEvents[K]) => void;
const listeners = new Map<string, Set<(data: unknown) => void>>();
// Telegram Web hosts mini apps in an iframe on this origin; nothing else may receive our events.
const WEB_ORIGIN = 'https://web.telegram.org';

function dispatch(eventType: string, eventData: unknown): void {
  for (const listener of listeners.get(eventType) ?? []) {
    try {
      listener(eventData);
    } catch (e) {
      console.error(`Telegram event ${eventType}`, e);
    }
  }
}

let installed = false;

/** Starts receiving events: window.Telegram.WebView.receiveEvent (apps) and postMessage (web). */
export function installBridge(): void {
  if (installed) return;
  installed = true;
  const w = telegramWindow();
  const official = w.Telegram?.WebView;
  if (official?.onEvent) {
    // telegram-web-app.js owns receiveEvent when present: subscribe through it instead of replacing it.
    for (const name of INCOMING) {
      official.onEvent(name, (type, data) => dispatch(type, data));
    }
  } else {
    w.Telegram = { ...w.Telegram, WebView: { ...official, receiveEvent: dispatch } };
  }
  window.addEventListener('message', (event: MessageEvent) => {
    // Only the hosting Telegram Web page talks to us this way.
    if (event.source !== window.parent || window.parent === window) return;
    try {
      const message = JSON.parse(String(event.data)) as { eventType?: unknown; eventData?: unknown };
      if (typeof message.eventType === 'string') dispatch(message.eventType, message.eventData);
    } catch {
      // not a Telegram message
    }
  });
}

export function postEvent<K extends keyof OutgoingEvents>(eventType: K, eventData?: OutgoingEvents[K]): void {
  const w = telegramWindow();
  try {
    if (w.TelegramWebviewProxy) {
      w.TelegramWebviewProxy.postEvent(eventType, JSON.stringify(eventData ?? ''));
    } else if (w.Telegram?.WebView?.postEvent) {
      w.Telegram.WebView.postEvent(eventType, false, eventData);
    } else if (window.parent !== window) {
      window.parent.postMessage(JSON.stringify({ eventType, eventData: eventData ?? '' }), WEB_ORIGIN);
    }
  } catch (e) {
    // An older client may not know an event; the app keeps working without it.
    console.warn(`Telegram event ${eventType} not sent`, e);
  }
}

/** Subscribes to an incoming event; returns the unsubscribe function. */
export function onEvent<K extends keyof IncomingEvents>(eventType: K, listener: Listener<K>): () => void {
  let set = listeners.get(eventType);
  if (!set) {
    set = new Set();
    listeners.set(eventType, set);
  }
  const wrapped = listener as (data: unknown) => void;
  set.add(wrapped);
  return () => set.delete(wrapped);
}

/**
 * True inside a Telegram client: the app then uses Telegram's own back and main buttons. The dev
 * login opens the app in a plain tab with signed init data, which is *not* inside Telegram.
 */
export function detectTelegram(initData: string | null): boolean {
  const w = telegramWindow();
  if (!initData) return false;
  return Boolean(w.TelegramWebviewProxy || w.Telegram?.WebApp?.initData || window.parent !== window);
}
