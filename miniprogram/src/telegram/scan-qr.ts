// Telegram's QR scanner through the bridge: opens the camera popup and returns the first text it reads,
// or null when the person closes it. Only the mobile clients (Bot API 6.4+) have the popup; elsewhere
// the page asks for the text instead.
import { onEvent, postEvent } from './bridge';
import type { TelegramClient } from './telegram-context';

const WITH_CAMERA = new Set(['android', 'android_x', 'ios']);

export function canScanQr(client: TelegramClient): boolean {
  const [major = 0, minor = 0] = client.version.split('.').map(Number);
  return WITH_CAMERA.has(client.platform) && (major > 6 || (major === 6 && minor >= 4));
}

export function scanQr(prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    const finish = (text: string | null) => {
      stopText();
      stopClosed();
      resolve(text);
    };
    const stopText = onEvent('qr_text_received', (event) => {
      // An empty read keeps the camera open; the popup stays until we close it.
      if (typeof event?.data !== 'string' || event.data === '') return;
      postEvent('web_app_close_scan_qr_popup');
      finish(event.data);
    });
    const stopClosed = onEvent('scan_qr_popup_closed', () => finish(null));
    postEvent('web_app_open_scan_qr_popup', { text: prompt });
  });
}
